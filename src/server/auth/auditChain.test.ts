import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, GENESIS_HASH } from './auditChain';

describe('canonicalJson', () => {
  it('sorts keys at every depth, leaves out undefined members, keeps nulls and array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null, e: undefined } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it('gives one text for objects that differ only in key order', () => {
    expect(canonicalJson({ x: 1, y: 'two' })).toBe(canonicalJson({ y: 'two', x: 1 }));
  });

  it('refuses numbers JSON cannot hold rather than hashing them as null', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });
});

describe('chainHash', () => {
  it('is sha256 hex of the previous hash followed by the canonical fields', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
    const expected = createHash('sha256').update(`${GENESIS_HASH}{"a":1,"b":"x"}`).digest('hex');
    expect(chainHash(GENESIS_HASH, { b: 'x', a: 1 })).toBe(expected);
    expect(chainHash('1'.repeat(64), { b: 'x', a: 1 })).not.toBe(expected);
  });
});
