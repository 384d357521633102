import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from './sha256';
import { deidentifiedUid, isWellKnownUid } from './uidMap';

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

describe('sha256', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // Two-block example: 56 bytes, so the length no longer fits the first block.
    expect(hex(sha256(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto on every length from 0 to 200 bytes', () => {
    for (let n = 0; n <= 200; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      expect(hex(sha256(data)), `length ${n}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});

describe('deidentifiedUid', () => {
  it('is a valid 2.25 UID, the same for the same salt and UID, different otherwise', () => {
    const a = deidentifiedUid('salt-1', '1.2.3.4');
    expect(a).toMatch(/^2\.25\.[1-9]\d*$/);
    expect(a.length).toBeLessThanOrEqual(64);
    expect(deidentifiedUid('salt-1', '1.2.3.4')).toBe(a);
    expect(deidentifiedUid('salt-1', ' 1.2.3.4 ')).toBe(a);
    expect(deidentifiedUid('salt-2', '1.2.3.4')).not.toBe(a);
    expect(deidentifiedUid('salt-1', '1.2.3.5')).not.toBe(a);
  });

  it('is a version 8, variant 10 UUID (RFC 9562) under 2.25', () => {
    const n = BigInt(deidentifiedUid('s', '1.2.3').slice(5));
    expect(n < 1n << 128n).toBe(true);
    expect((n >> 76n) & 0xfn).toBe(8n);
    expect((n >> 62n) & 0x3n).toBe(2n);
  });

  it('keeps DICOM-defined and class UIDs, not instance UIDs', () => {
    expect(isWellKnownUid('SOPInstanceUID', '1.2.840.10008.5.1.4.1.1.2')).toBe(true);
    expect(isWellKnownUid('SOPClassUID', '1.3.12.2.1107.5.9.1')).toBe(true);
    expect(isWellKnownUid('SOPInstanceUID', '1.3.12.2.1107.5.9.1')).toBe(false);
    expect(isWellKnownUid('ReferencedSOPInstanceUID', '2.25.1234')).toBe(false);
  });
});
