import { Enums, metaData, registerImageLoader } from '@cornerstonejs/core';
import type { Types } from '@cornerstonejs/core';
import { createImage } from '@cornerstonejs/dicom-image-loader';
import { Enums as MetadataEnums, utilities as metadataUtilities } from '@cornerstonejs/metadata';
import { frameBytes } from './frameBytes';
import { LOCAL_SCHEME, localImageAt, urlOfLocalImageId, type LocalImage } from './localImageStore';

type LoaderOptions = Record<string, unknown>;

/**
 * Cornerstone's image loader for files read in this tab: reads only the frame's bytes from the
 * file (the import recorded where they are) and hands them to Cornerstone's decoder
 * (`createImage`: the decode worker, the rescale into the volume's type), as the wadouri loader
 * does with the bytes it parsed out of the whole file again.
 */
function loadLocalImage(imageId: string, options: LoaderOptions = {}): Types.IImageLoadObject {
  const promise = (async (): Promise<Types.IImage> => {
    const local = localImageAt(urlOfLocalImageId(imageId));
    if (!local) throw new Error(`${imageId}: not a file read in this tab`);
    const start = Date.now();
    const bytes = await frameBytes(local.file, local.pixelData);
    const loaded = Date.now();
    const opts: LoaderOptions = { ...options };
    delete opts['loader'];
    const image = (await createImage(imageId, bytes, local.transferSyntaxUID, opts)) as Types.IImage & Record<string, unknown>;
    image.imageQualityStatus = Enums.ImageQualityStatus.FULL_RESOLUTION;
    image['data'] = metaData.get(MetadataEnums.MetadataModules.NATURALIZED, imageId);
    image.loadTimeInMS = loaded - start;
    image.totalTimeInMS = Date.now() - start;
    return image;
  })();
  return { promise };
}

let registered = false;

/** Registers the local-files loader with Cornerstone once. */
function ensureLoader(): void {
  if (registered) return;
  registerImageLoader(LOCAL_SCHEME, loadLocalImage as unknown as Types.ImageLoaderFn);
  registered = true;
}

/**
 * Gives Cornerstone a local image's metadata from the attributes the import kept (the same
 * DICOM JSON route a PACS instance takes, so every module reads as it does there), without
 * reading the file again.
 */
export function registerLocalImage(imageId: string, local: LocalImage): void {
  ensureLoader();
  void metadataUtilities.addDicomWebInstance(imageId, local.json);
}
