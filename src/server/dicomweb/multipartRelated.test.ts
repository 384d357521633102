import { describe, expect, it } from 'vitest';
import { boundaryOf, createMultipartParser, type MultipartPart } from './multipartRelated';

/** Feeds `body` to a parser in the given chunk sizes (cycled) and returns the parts. */
function parse(boundary: string, body: Buffer, sizes: number[] = [body.length]): MultipartPart[] {
  const parts: MultipartPart[] = [];
  const parser = createMultipartParser(boundary, (p) => parts.push(p));
  let at = 0;
  for (let i = 0; at < body.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]!);
    parser.push(body.subarray(at, at + n));
    at += n;
  }
  parser.end();
  return parts;
}

// Binary bodies with CR, LF, dashes and bytes above 0x7f: what a DICOM part holds.
const partA = Buffer.from([0x44, 0x49, 0x43, 0x4d, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0x00, 0x0d]);
const partB = Buffer.from('second\r\n-- not a boundary\r\n', 'latin1');

const crlfBody = Buffer.concat([
  Buffer.from('preamble to ignore\r\n--abc123\r\nContent-Type: application/dicom\r\nContent-Location: /a\r\n\r\n'),
  partA,
  Buffer.from('\r\n--abc123\r\ncontent-type: application/dicom\r\n\r\n'),
  partB,
  Buffer.from('\r\n--abc123--\r\nepilogue'),
]);

describe('boundaryOf', () => {
  it('reads the boundary quoted or not, among other parameters, and nothing from a non-multipart type', () => {
    expect(boundaryOf('multipart/related; type="application/dicom"; boundary=abc123')).toBe('abc123');
    expect(boundaryOf('multipart/related;boundary="a b;c";type="application/dicom"')).toBe('a b;c');
    expect(boundaryOf('Multipart/Related; BOUNDARY=xyz; type=application/dicom')).toBe('xyz');
    expect(boundaryOf('multipart/related; type="application/dicom"')).toBeUndefined();
    expect(boundaryOf('application/dicom; boundary=abc')).toBeUndefined();
    expect(boundaryOf(undefined)).toBeUndefined();
  });
});

describe('createMultipartParser', () => {
  it('gives each part its headers (lower-case names) and its exact bytes, ignoring preamble and epilogue', () => {
    const parts = parse('abc123', crlfBody);
    expect(parts).toHaveLength(2);
    expect(parts[0]!.headers).toEqual({ 'content-type': 'application/dicom', 'content-location': '/a' });
    expect([...parts[0]!.body]).toEqual([...partA]);
    expect(parts[1]!.body.toString('latin1')).toBe('second\r\n-- not a boundary\r\n');
  });

  it('gives the same parts whatever the chunks, a delimiter split anywhere included', () => {
    const whole = parse('abc123', crlfBody).map((p) => p.body.toString('hex'));
    for (const sizes of [[1], [2], [3], [7], [5, 1, 13], [crlfBody.length - 1]]) {
      expect(parse('abc123', crlfBody, sizes).map((p) => p.body.toString('hex')), `chunks ${sizes.join(',')}`).toEqual(whole);
    }
  });

  it('accepts bare LF line ends and a first delimiter at the very start', () => {
    const body = Buffer.from('--b\ncontent-type: application/dicom\n\nONE\n--b\n\nTWO\n--b--', 'latin1');
    const parts = parse('b', body, [4]);
    expect(parts.map((p) => p.body.toString('latin1'))).toEqual(['ONE', 'TWO']);
    expect(parts[1]!.headers).toEqual({});
  });

  it('does not take a longer boundary that starts with ours for ours', () => {
    const body = Buffer.from('--b\r\n\r\nX\r\n--bb\r\nY\r\n--b--\r\n', 'latin1');
    expect(() => parse('b', body)).toThrow(/delimiter line/);
  });

  it('refuses a body that ends before its closing delimiter', () => {
    const cut = crlfBody.subarray(0, crlfBody.indexOf('--abc123--'));
    expect(() => parse('abc123', cut)).toThrow(/ended before its closing boundary/);
  });
});
