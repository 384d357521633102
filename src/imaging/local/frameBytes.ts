import type { PixelDataLocation } from '../../dicom/instanceHeader';

/**
 * The bytes of a single-frame image's pixel data, from one read of its file: the native value
 * as it lies in the file (a view, no copy), or the encapsulated fragments joined (one frame may
 * span several fragments; the item headers between them are left out). The whole file is read
 * rather than a `slice` of it: the pixel data is nearly all of an image file, and a Blob slice
 * per file cost more on the main thread (~2 ms each, measured) than it saved.
 */
export async function frameBytes(file: Blob, location: PixelDataLocation): Promise<Uint8Array> {
  const whole = new Uint8Array(await file.arrayBuffer());
  const fragments = location.fragments ?? [];
  if (!location.encapsulated || fragments.length === 0) return whole.subarray(location.offset, location.offset + location.length);
  if (fragments.length === 1) return whole.subarray(fragments[0]!.offset, fragments[0]!.offset + fragments[0]!.length);
  const out = new Uint8Array(fragments.reduce((n, f) => n + f.length, 0));
  let o = 0;
  for (const f of fragments) {
    out.set(whole.subarray(f.offset, f.offset + f.length), o);
    o += f.length;
  }
  return out;
}
