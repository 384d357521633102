import { describe, expect, it } from 'vitest';
import { stowMultipart } from './stowMultipart';

describe('stowMultipart', () => {
  it('frames each file as an application/dicom part between CRLF boundaries, ending with the close delimiter', () => {
    const a = new Uint8Array([1, 2, 3]);
    const b = new Uint8Array([0x44, 0x49, 0x43, 0x4d]);
    const { contentType, body } = stowMultipart([a, b], 'XYZ');
    expect(contentType).toBe('multipart/related; type="application/dicom"; boundary=XYZ');
    const expected = Buffer.concat([
      Buffer.from('--XYZ\r\nContent-Type: application/dicom\r\n\r\n'),
      Buffer.from(a),
      Buffer.from('\r\n--XYZ\r\nContent-Type: application/dicom\r\n\r\n'),
      Buffer.from('DICM'),
      Buffer.from('\r\n--XYZ--\r\n'),
    ]);
    expect(Buffer.from(body).equals(expected)).toBe(true);
  });

  it('refuses a boundary that occurs inside a file', () => {
    expect(() => stowMultipart([new Uint8Array(Buffer.from('ab--XYZcd'))], 'XYZ')).toThrow(/occurs in a file/);
  });

  it('picks a different random boundary each time', () => {
    const one = stowMultipart([new Uint8Array(1)]).contentType;
    const two = stowMultipart([new Uint8Array(1)]).contentType;
    expect(one).not.toBe(two);
    expect(one).toMatch(/boundary=percuplan-[0-9a-f]{32}$/);
  });
});
