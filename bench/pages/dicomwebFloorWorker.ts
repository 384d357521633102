/**
 * DICOMweb floor worker: decodes one JPEG-LS frame with the codec the product's DICOM image
 * loader uses (@cornerstonejs/codec-charls, its WebAssembly decoder) and returns the pixels
 * (transferred). Uncompressed frames never come here.
 */
import charlsFactory from '@cornerstonejs/codec-charls/decodewasmjs';

export interface DecodeRequest {
  index: number;
  bytes: Uint8Array;
}
export interface DecodeResponse {
  index: number;
  pixels?: Uint16Array;
  error?: string;
}

interface CharlsDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getDecodedBuffer(): Uint8Array;
}
interface CharlsModule {
  JpegLSDecoder: new () => CharlsDecoder;
}

// The module and its one decoder are made once per worker, as the product's loader does.
const decoder: Promise<CharlsDecoder> = charlsFactory({
  locateFile: (f) => (f.endsWith('.wasm') ? new URL('/bench/charlswasm_decode.wasm', self.location.href).href : f),
}).then((m) => new (m as CharlsModule).JpegLSDecoder());

self.onmessage = async (e: MessageEvent<DecodeRequest>): Promise<void> => {
  const { index, bytes } = e.data;
  try {
    const d = await decoder;
    d.getEncodedBuffer(bytes.length).set(bytes);
    d.decode();
    const out = d.getDecodedBuffer();
    // A copy out of the WebAssembly heap, as the product's loader makes one.
    const pixels = new Uint16Array(out.byteLength >> 1);
    new Uint8Array(pixels.buffer).set(out);
    const msg: DecodeResponse = { index, pixels };
    self.postMessage(msg, { transfer: [pixels.buffer] });
  } catch (err) {
    const msg: DecodeResponse = { index, error: String(err) };
    self.postMessage(msg);
  }
};
