/**
 * Run lengths of a binary array, alternating and starting with a run of zeros (which may be
 * empty): `[zeros, ones, zeros, …]`. Each is written as an unsigned LEB128 varint, so short
 * runs cost one byte and a whole empty or full box a few.
 */
export function encodeRuns(bits: Uint8Array): Uint8Array {
  const out: number[] = [];
  let value = 0;
  let run = 0;
  for (let p = 0; p < bits.length; p++) {
    const b = bits[p] === 0 ? 0 : 1;
    if (b === value) run++;
    else {
      writeVarint(out, run);
      value = b;
      run = 1;
    }
  }
  if (run > 0 || bits.length === 0) writeVarint(out, run);
  return Uint8Array.from(out);
}

/**
 * Expands runs written by {@link encodeRuns} into `length` bits, or explains why they do not
 * fit (truncated varint, runs longer or shorter than the box).
 */
export function decodeRuns(bytes: Uint8Array, length: number): { bits: Uint8Array } | { error: string } {
  const bits = new Uint8Array(length);
  let at = 0;
  let value = 0;
  let pos = 0;
  while (pos < bytes.length) {
    let run = 0;
    let scale = 1;
    for (;;) {
      if (pos >= bytes.length) return { error: 'a run length is cut off' };
      const b = bytes[pos++]!;
      run += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) break;
      if (scale > 2 ** 49) return { error: 'a run length is too large' };
    }
    if (at + run > length) return { error: `the runs cover more than the ${length} voxels of the box` };
    if (value === 1) bits.fill(1, at, at + run);
    at += run;
    value ^= 1;
  }
  if (at !== length) return { error: `the runs cover ${at} of the ${length} voxels of the box` };
  return { bits };
}

function writeVarint(out: number[], n: number): void {
  // Division rather than shifts: runs of large boxes pass 2^31.
  let v = n;
  while (v >= 128) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}
