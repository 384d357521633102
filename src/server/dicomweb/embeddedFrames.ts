import { open } from 'node:fs/promises';
import { createReadStream, type ReadStream } from 'node:fs';
import dicomParser from 'dicom-parser';
import type { ImageAttributes, InstanceHeader } from '../../dicom/instanceHeader';
import type { InstanceListing } from '../../dicom/studyListing';

/**
 * Transfer syntaxes whose Pixel Data is the frame itself, little endian (implicit and
 * explicit VR): a frame is a byte range of the file, served without decoding.
 */
const NATIVE_LE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);
/** The head of a file read to find its Pixel Data: as the index reads it. */
const HEAD_BYTES = 64 * 1024;

/** Where a native single frame lies in its file, and the transfer syntax it is in. */
export interface FrameLocation {
  offset: number;
  length: number;
  transferSyntaxUID: string;
}

/**
 * True when an embedded instance can be shown frame by frame, as a PACS instance is: one
 * grey-level frame of native little-endian pixel data whose place in the file is known.
 * Compressed, multi-frame, colour and deflated files keep the whole-file path (/api/files/:sop).
 */
export function servesFrames(h: InstanceHeader, image: ImageAttributes | undefined): image is ImageAttributes & { pixelData: { encapsulated: false } } {
  return (
    !!image?.pixelData &&
    !image.pixelData.encapsulated &&
    h.hasPixelData &&
    (h.numberOfFrames ?? 1) <= 1 &&
    (h.samplesPerPixel ?? 1) === 1 &&
    NATIVE_LE.has(h.transferSyntaxUID)
  );
}

/**
 * How the viewer reaches an embedded instance. One it can show frame by frame gets its DICOM
 * JSON (so the viewer registers its metadata without fetching or parsing the file) and a
 * WADO-RS style frame URL, the same route a PACS instance takes; any other the whole file.
 */
export function embeddedInstanceRef(h: InstanceHeader, image: ImageAttributes | undefined): Pick<InstanceListing, 'url' | 'metadata'> {
  const file = `/api/files/${h.sopInstanceUID}`;
  if (!servesFrames(h, image)) return { url: file };
  return { url: `${file}/frames/1`, metadata: image.json };
}

/** The Pixel Data of a Part 10 file's head (which must reach past the element's header), or undefined. */
export function frameLocationIn(head: Uint8Array): FrameLocation | undefined {
  let ds: dicomParser.DataSet;
  try {
    ds = dicomParser.parseDicom(head, { untilTag: 'x7fe00010' });
  } catch {
    return undefined;
  }
  const ts = ds.string('x00020010')?.trim() ?? '';
  const el = ds.elements['x7fe00010'];
  if (!el || el.encapsulatedPixelData || !NATIVE_LE.has(ts) || el.length <= 0) return undefined;
  return { offset: el.dataOffset, length: el.length, transferSyntaxUID: ts };
}

/** A frame ready to send: its headers and its body (the multipart envelope around the file's byte range). */
export interface EmbeddedFrame {
  headers: Record<string, string | number>;
  body: AsyncIterable<Uint8Array>;
}

/**
 * The one frame of an embedded file as WADO-RS answers `/frames/1`: multipart/related with one
 * application/octet-stream part naming its transfer syntax, the pixels streamed from the file.
 * Undefined when the file's frame is not native single-frame data (its whole file serves instead).
 */
export async function embeddedFrame(file: string): Promise<EmbeddedFrame | undefined> {
  const fh = await open(file, 'r');
  let location: FrameLocation | undefined;
  let size = 0;
  try {
    size = (await fh.stat()).size;
    const head = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await fh.read(head, 0, HEAD_BYTES, 0);
    location = frameLocationIn(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
  if (!location || location.offset + location.length > size) return undefined;
  const boundary = `percuplan-frame-${location.offset}-${location.length}`;
  const partType = `application/octet-stream; transfer-syntax=${location.transferSyntaxUID}`;
  const before = Buffer.from(`--${boundary}\r\nContent-Type: ${partType}\r\nContent-Length: ${location.length}\r\n\r\n`, 'latin1');
  const after = Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1');
  const pixels: ReadStream = createReadStream(file, { start: location.offset, end: location.offset + location.length - 1 });
  async function* body(): AsyncGenerator<Uint8Array> {
    yield before;
    yield* pixels as AsyncIterable<Uint8Array>;
    yield after;
  }
  return {
    headers: {
      'content-type': `multipart/related; type="application/octet-stream"; transfer-syntax=${location.transferSyntaxUID}; boundary=${boundary}`,
      'content-length': before.length + location.length + after.length,
      'cache-control': 'private, max-age=3600',
    },
    body: body(),
  };
}
