/**
 * The boundary between inside and outside cells of a sampled mask (see `sampleMaskOnPlane`),
 * as line segments x0, y0, x1, y1 in cell units: cell (c, r) spans [c, c + 1] × [r, r + 1],
 * so multiplying by `step` gives canvas pixels. Cells beyond the grid count as outside.
 * Collinear neighbouring edges are merged into one segment, so a 40-cell straight side is one
 * stroke, not 40. The segments follow the voxel staircase; they are not smoothed.
 */
export function maskOutline(data: Uint8Array, cols: number, rows: number): Float32Array {
  if (data.length < cols * rows) throw new RangeError(`maskOutline: data has ${data.length} cells, expected ${cols}×${rows}`);
  // Only the rectangle of inside cells can have edges.
  let cMin = cols, cMax = -1, rMin = rows, rMax = -1;
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    let first = -1, last = -1;
    for (let c = 0; c < cols; c++) if (data[row + c] !== 0) { if (first < 0) first = c; last = c; }
    if (first < 0) continue;
    if (r < rMin) rMin = r;
    rMax = r;
    if (first < cMin) cMin = first;
    if (last > cMax) cMax = last;
  }
  if (rMax < 0) return new Float32Array(0);

  let out = new Float32Array(64), n = 0;
  const push = (x0: number, y0: number, x1: number, y1: number) => {
    if (n + 4 > out.length) {
      const grown = new Float32Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[n++] = x0; out[n++] = y0; out[n++] = x1; out[n++] = y1;
  };
  const inside = (c: number, r: number): boolean =>
    r >= rMin && r <= rMax && c >= cMin && c <= cMax && data[r * cols + c] !== 0;

  // Horizontal edges on line y = r, between cell rows r − 1 and r.
  for (let r = rMin; r <= rMax + 1; r++) {
    let runStart = -1;
    for (let c = cMin; c <= cMax + 1; c++) {
      const edge = c <= cMax && inside(c, r - 1) !== inside(c, r);
      if (edge && runStart < 0) runStart = c;
      else if (!edge && runStart >= 0) {
        push(runStart, r, c, r);
        runStart = -1;
      }
    }
  }
  // Vertical edges on line x = c, between cell columns c − 1 and c.
  for (let c = cMin; c <= cMax + 1; c++) {
    let runStart = -1;
    for (let r = rMin; r <= rMax + 1; r++) {
      const edge = r <= rMax && inside(c - 1, r) !== inside(c, r);
      if (edge && runStart < 0) runStart = r;
      else if (!edge && runStart >= 0) {
        push(c, runStart, c, r);
        runStart = -1;
      }
    }
  }
  return out.slice(0, n);
}
