import { describe, expect, it } from 'vitest';
import { multipartParts } from './multipartParts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const join = (...xs: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(xs.reduce((n, x) => n + x.length, 0));
  let o = 0;
  for (const x of xs) {
    out.set(x, o);
    o += x.length;
  }
  return out;
};

describe('multipartParts', () => {
  it('returns each binary body without its headers and without the CRLF before the next boundary', () => {
    // A body holding CR LF and "--" itself must survive: only the full delimiter splits.
    const a = new Uint8Array([0x44, 0x49, 0x43, 0x4d, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    const b = new Uint8Array([1, 2, 3]);
    const body = join(
      enc('--xyz\r\nContent-Type: application/dicom\r\n\r\n'), a,
      enc('\r\n--xyz\r\nContent-Type: application/dicom\r\nContent-Length: 3\r\n\r\n'), b,
      enc('\r\n--xyz--\r\n'),
    );
    const parts = multipartParts(body, 'multipart/related; type="application/dicom"; boundary=xyz');
    expect(parts.map((p) => [...p])).toEqual([[...a], [...b]]);
  });

  it('reads a quoted boundary and refuses an answer that is not multipart', () => {
    const body = join(enc('--"b1"'.replace(/"/g, '') + '\r\n\r\n'), new Uint8Array([9]), enc('\r\n--b1--'));
    expect(multipartParts(body, 'multipart/related; boundary="b1"').map((p) => [...p])).toEqual([[9]]);
    expect(() => multipartParts(body, 'application/dicom')).toThrow(/not a multipart answer/);
  });
});
