import { Enums, metaData, registerImageLoader } from '@cornerstonejs/core';
import type { Types } from '@cornerstonejs/core';
import { createImage } from '@cornerstonejs/dicom-image-loader';
import { Enums as MetadataEnums, utilities as metadataUtilities } from '@cornerstonejs/metadata';
import { concurrencyLimit } from './concurrencyLimit';
import { frameBytes } from './frameBytes';
import { decodesHere, nativeImage } from './nativeImage';
import { LOCAL_SCHEME, localImageAt, urlOfLocalImageId, type LocalImage } from './localImageStore';

type LoaderOptions = Record<string, unknown>;

/**
 * Files read at once. Cornerstone asks for every frame of a volume together; read all at once,
 * the middle slice (asked first) shared the main thread with every other file's copy into
 * memory and landed late. A few at a time keep the reads flowing and let it land first.
 */
const READS_AT_ONCE = 4;
const read = concurrencyLimit(READS_AT_ONCE);

/**
 * Cornerstone's image loader for files read in this tab: reads the file once and takes the
 * frame's bytes where the import recorded them, without parsing it again. A native
 * little-endian frame for the volume is decoded here (nativeImage); any other goes to Cornerstone's decoder (`createImage`: the decode
 * worker, the rescale into the volume's type), as the wadouri loader does with the bytes it
 * parsed out of the whole file again.
 */
function loadLocalImage(imageId: string, options: LoaderOptions = {}): Types.IImageLoadObject {
  const promise = (async (): Promise<Types.IImage> => {
    const local = localImageAt(urlOfLocalImageId(imageId));
    if (!local) throw new Error(`${imageId}: not a file read in this tab`);
    const start = Date.now();
    const bytes = await read(() => frameBytes(local.file, local.pixelData));
    const loaded = Date.now();
    const opts: LoaderOptions = { ...options };
    delete opts['loader'];
    // The worker gets a copy of the frame alone: a view would post the whole file's buffer.
    const image = (
      decodesHere(imageId, local.transferSyntaxUID, opts)
        ? await nativeImage(imageId, bytes, local.transferSyntaxUID, opts)
        : await createImage(imageId, bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice(), local.transferSyntaxUID, opts)
    ) as Types.IImage & Record<string, unknown>;
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
