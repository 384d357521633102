/**
 * Floor worker: reads one Part 10 file, parses it with dicom-parser and returns its pixels as
 * HU in an Int16Array (transferred), with the slice position to place it in the volume.
 */
import dicomParser from 'dicom-parser';

export interface FloorRequest {
  file: File;
  index: number;
}
export interface FloorResponse {
  index: number;
  z: number;
  rows: number;
  columns: number;
  pixels?: Int16Array;
  error?: string;
}

self.onmessage = async (e: MessageEvent<FloorRequest>): Promise<void> => {
  const { file, index } = e.data;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const ds = dicomParser.parseDicom(bytes);
    const rows = ds.uint16('x00280010') ?? 0;
    const columns = ds.uint16('x00280011') ?? 0;
    const slope = Number(ds.string('x00281053') ?? '1');
    const intercept = Number(ds.string('x00281052') ?? '0');
    const signed = ds.uint16('x00280103') === 1;
    const z = Number((ds.string('x00200032') ?? '0\\0\\0').split('\\')[2] ?? 0);
    const el = ds.elements['x7fe00010'];
    if (!el) throw new Error('no pixel data');
    const n = rows * columns;
    const pixels = new Int16Array(n);
    const view = new DataView(bytes.buffer, bytes.byteOffset + el.dataOffset, n * 2);
    for (let i = 0; i < n; i++) pixels[i] = (signed ? view.getInt16(i * 2, true) : view.getUint16(i * 2, true)) * slope + intercept;
    const msg: FloorResponse = { index, z, rows, columns, pixels };
    self.postMessage(msg, { transfer: [pixels.buffer] });
  } catch (err) {
    const msg: FloorResponse = { index, z: 0, rows: 0, columns: 0, error: String(err) };
    self.postMessage(msg);
  }
};
