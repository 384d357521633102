import dicomParser from 'dicom-parser';

/**
 * Gives a multi-frame JPEG file whose frames span several fragments an explicit Basic Offset
 * Table, found by looking for each frame's JPEG start-of-image marker. Decoders that split
 * frames by the table (Cornerstone's among them) otherwise cut frames in the wrong place.
 * Files that already have a table, hold one fragment per frame, or are not encapsulated
 * multi-frame come back unchanged.
 */
export function addBasicOffsetTable(bytes: Uint8Array): Uint8Array {
  let ds: dicomParser.DataSet;
  try {
    ds = dicomParser.parseDicom(bytes);
  } catch {
    return bytes;
  }
  const el = ds.elements['x7fe00010'];
  const frames = Number(ds.string('x00280008') ?? '1');
  if (!el?.encapsulatedPixelData || !(frames > 1)) return bytes;
  const fragments = el.fragments ?? [];
  if ((el.basicOffsetTable?.length ?? 0) > 0 || fragments.length === frames) return bytes;
  const table = dicomParser.createJPEGBasicOffsetTable(ds, el, fragments);
  if (table.length !== frames) return bytes;
  // The empty table is the first item: (FFFE,E000) with length 0, right at the value's start.
  const p = el.dataOffset;
  const isItem = bytes[p] === 0xfe && bytes[p + 1] === 0xff && bytes[p + 2] === 0x00 && bytes[p + 3] === 0xe0;
  const length = (bytes[p + 4] ?? 0) | ((bytes[p + 5] ?? 0) << 8) | ((bytes[p + 6] ?? 0) << 16) | ((bytes[p + 7] ?? 0) << 24);
  if (!isItem || length !== 0) return bytes;
  const out = new Uint8Array(bytes.length + 4 * frames);
  out.set(bytes.subarray(0, p + 4), 0);
  const dv = new DataView(out.buffer);
  dv.setUint32(p + 4, 4 * frames, true);
  table.forEach((offset, i) => dv.setUint32(p + 8 + 4 * i, offset, true));
  out.set(bytes.subarray(p + 8), p + 8 + 4 * frames);
  return out;
}
