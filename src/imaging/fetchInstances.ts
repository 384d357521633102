import { prefetchPart10Instance } from '@cornerstonejs/dicom-image-loader';
import { utilities as metadataUtilities } from '@cornerstonejs/metadata';
import type { InstanceListing } from '../dicom/studyListing';
import { undeflatePart10 } from '../dicom/undeflate';
import { addBasicOffsetTable } from '../dicom/addBasicOffsetTable';
import { ybr422ToRgb } from '../dicom/ybr422ToRgb';
import { inflateRawSync } from './inflate';
import { localImageAt, localImageIdOf } from './local/localImageStore';
import { registerLocalImage } from './local/loadLocalImage';

/** True when the header part of a file contains an ASCII string (a cheap pre-check before a parse). */
function mentions(bytes: Uint8Array, text: string): boolean {
  const head = bytes.subarray(0, Math.min(bytes.length, 8192));
  return new TextDecoder('latin1').decode(head).includes(text);
}

/**
 * The image id of an instance: `wadors:` for a PACS frame URL that comes with its DICOM JSON
 * metadata, the local loader's for a file read in this tab that it serves (localImageStore),
 * `wadouri:` for any other whole Part 10 file (embedded samples, other local files).
 */
export const imageIdOf = (i: Pick<InstanceListing, 'url' | 'metadata'>): string =>
  !i.metadata && localImageAt(i.url) ? localImageIdOf(i.url) : `${i.metadata ? 'wadors' : 'wadouri'}:${new URL(i.url, location.href).href}`;

/**
 * Registers every instance's metadata with Cornerstone before any volume is built, so the
 * geometry is read from every slice rather than sampled. Files read in this tab that the local
 * loader serves register the attributes their import kept (no read, no parse; their frames are
 * read from the file on demand); other Part 10 files are fetched once and the same bytes serve
 * the pixels later; PACS instances register their DICOM JSON and stream frames on demand. Runs
 * `concurrency` requests at a time and reports progress.
 */
export async function fetchInstances(
  instances: readonly Pick<InstanceListing, 'url' | 'metadata' | 'numberOfFrames'>[],
  onProgress: (done: number, total: number) => void,
  concurrency = 8,
): Promise<string[]> {
  const imageIds = instances.map(imageIdOf);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < instances.length) {
      const i = next++;
      const inst = instances[i] as InstanceListing;
      const imageId = imageIds[i] as string;
      const local = localImageAt(inst.url);
      if (inst.metadata) {
        await metadataUtilities.addDicomWebInstance(imageId, inst.metadata);
      } else if (local) {
        registerLocalImage(imageId, local);
      } else {
        const res = await fetch(inst.url);
        if (!res.ok) throw new Error(`${inst.url}: HTTP ${res.status}`);
        // Cornerstone's metadata path cannot read deflated data sets: inflate them first; and
        // multi-frame JPEG split across fragments needs an offset table to find its frames.
        let bytes = undeflatePart10(new Uint8Array(await res.arrayBuffer()), inflateRawSync);
        if ((inst.numberOfFrames ?? 1) > 1) bytes = addBasicOffsetTable(bytes);
        if (mentions(bytes, 'YBR_FULL_422')) bytes = ybr422ToRgb(bytes);
        await prefetchPart10Instance(imageId, bytes);
      }
      done++;
      onProgress(done, instances.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, instances.length) }, worker));
  // A multi-frame object (Enhanced CT) contributes one image id per frame, 1-based.
  return imageIds.flatMap((id, i) => {
    const frames = instances[i]?.numberOfFrames ?? 1;
    return frames > 1 ? Array.from({ length: frames }, (_, f) => `${id}${id.includes('?') ? '&' : '?'}frame=${f + 1}`) : [id];
  });
}
