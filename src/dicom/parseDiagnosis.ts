import type { DataSet, Element } from 'dicom-parser';

/** "(7FE0,0010) PixelData" from dicom-parser's "x7fe00010"; only the tags people ask about are named. */
function tagName(tag: string): string {
  const names: Record<string, string> = { x7fe00010: 'PixelData' };
  const t = `(${tag.slice(1, 5)},${tag.slice(5, 9)})`.toUpperCase();
  const name = names[tag];
  return name ? `${name} ${t}` : t;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * dicom-parser throws Errors, bare strings, or `{ exception, dataSet }` with the part of the
 * data set it had read before the failure; the partial data set is what tells us why.
 */
function unpack(e: unknown): { message: string; dataSet?: DataSet } {
  if (e instanceof Error) return { message: e.message };
  if (typeof e === 'string') return { message: e };
  if (isRecord(e) && typeof e.exception === 'string') {
    const ds = e.dataSet;
    // Checked just enough to read `elements`; the object comes from dicom-parser itself.
    if (isRecord(ds) && isRecord(ds.elements)) return { message: e.exception, dataSet: ds as unknown as DataSet };
    return { message: e.exception };
  }
  return { message: String(e) };
}

const RUNS_PAST_END = /overrun|maxP ?osition|greater than or equal to 'byteArray' length/;

/**
 * Turns a parse failure into a reason a person can act on: a truncated file (with the element
 * that runs past the end), a data set not encoded as its transfer syntax says, or else the
 * parser's own words.
 */
export function describeParseFailure(e: unknown, fileSize: number): string {
  const { message, dataSet } = unpack(e);
  if (dataSet) {
    const elements: Element[] = Object.values(dataSet.elements);
    const badVr = elements.find((el) => el.vr !== undefined && !/^[A-Z]{2}$/.test(el.vr));
    if (badVr) {
      return (
        `mis-encoded: element ${tagName(badVr.tag)} has no valid VR although the transfer syntax declares explicit VR; ` +
        'the data set is probably implicit VR'
      );
    }
    const last = elements.reduce<Element | undefined>((a, el) => (a === undefined || el.dataOffset > a.dataOffset ? el : a), undefined);
    if (last && last.dataOffset + last.length > fileSize) {
      return `truncated: ${tagName(last.tag)} needs ${last.length} bytes but only ${fileSize - last.dataOffset} remain in the file`;
    }
    if (last && RUNS_PAST_END.test(message)) {
      return `truncated or unreadable: the data ends inside an element or sequence after ${tagName(last.tag)} (dicom-parser: ${message})`;
    }
  }
  if (RUNS_PAST_END.test(message)) return `truncated or unreadable: the data runs past the end of the file (dicom-parser: ${message})`;
  return `cannot be parsed (${message})`;
}

/** The first bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
function textHead(b: Uint8Array): string | undefined {
  try {
    // `stream` keeps a multi-byte character cut at byte 512 from counting as invalid.
    return new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, 512), { stream: true });
  } catch {
    return undefined;
  }
}

/** Why a file without a DICOM preamble or data set is skipped, recognising what it is when easy. */
export function describeNonDicom(b: Uint8Array): string {
  if (b.length === 0) return 'not DICOM: empty file';
  if (b[0] === 0x1f && b[1] === 0x8b) return 'not DICOM: gzip-compressed file (decompress it, then inspect the result)';
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'not DICOM: ZIP archive (extract it, then inspect the folder)';
  // The start alone identifies these, even when binary parts follow.
  const start = String.fromCharCode(...b.subarray(0, 64));
  if (/^\s*[[{]/.test(start)) return 'not DICOM: JSON text (DICOM JSON metadata cannot be read as a file)';
  if (/^(--|content-type:)/i.test(start)) return 'not DICOM: a MIME multipart body (e.g. a saved DICOMweb response)';
  const head = textHead(b) ?? '';
  // eslint-disable-next-line no-control-regex -- any control character other than tab/CR/LF means binary
  if (head !== '' && !/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(head)) return 'not DICOM: text file';
  return 'not DICOM: no "DICM" marker at byte 128 and no DICOM data set at the start';
}
