import type { PixelDataLocation } from '../../dicom/instanceHeader';

/**
 * The bytes of a single-frame image's pixel data, read from its file with one `slice`: the
 * native value as it is, or the encapsulated fragments joined (one frame may span several
 * fragments; the item headers between them are left out).
 */
export async function frameBytes(file: Blob, location: PixelDataLocation): Promise<Uint8Array> {
  const fragments = location.fragments ?? [];
  if (!location.encapsulated || fragments.length === 0) {
    return new Uint8Array(await file.slice(location.offset, location.offset + location.length).arrayBuffer());
  }
  const start = fragments[0]?.offset ?? 0;
  const last = fragments[fragments.length - 1];
  const end = last ? last.offset + last.length : start;
  const span = new Uint8Array(await file.slice(start, end).arrayBuffer());
  if (fragments.length === 1) return span;
  const out = new Uint8Array(fragments.reduce((n, f) => n + f.length, 0));
  let o = 0;
  for (const f of fragments) {
    out.set(span.subarray(f.offset - start, f.offset - start + f.length), o);
    o += f.length;
  }
  return out;
}
