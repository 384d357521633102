import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson';
import { contentHash } from './contentHash';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace, keeping array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, 2], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1,2]},"b":1}');
  });

  it('gives the same text for the same content written in another key order', () => {
    const one = { trajectories: [{ id: 't1', entry: [1, 2, 3] }], lesions: [] };
    const two = { lesions: [], trajectories: [{ entry: [1, 2, 3], id: 't1' }] };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('writes numbers in their shortest round-trip form and strings with JSON escapes', () => {
    expect(canonicalJson([1.5, -0.25, 1e21, 100, 0.1 + 0.2])).toBe('[1.5,-0.25,1e+21,100,0.30000000000000004]');
    expect(canonicalJson({ s: 'a"b\\c\n–' })).toBe('{"s":"a\\"b\\\\c\\n–"}');
  });

  it('orders keys by UTF-16 code units (capitals before lower case, "a" before "aa")', () => {
    expect(canonicalJson({ b: 0, aa: 0, a: 0, B: 0 })).toBe('{"B":0,"a":0,"aa":0,"b":0}');
  });

  it('leaves out undefined properties and writes null, true and false as JSON does', () => {
    expect(canonicalJson({ x: undefined, y: null, z: [true, false] })).toBe('{"y":null,"z":[true,false]}');
  });

  it('refuses what JSON cannot hold rather than hashing something else', () => {
    expect(() => canonicalJson({ v: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ v: Infinity })).toThrow(/Infinity/);
  });
});

describe('contentHash', () => {
  it('is SHA-256 of the canonical text: {} is the two bytes "{}"', async () => {
    // Expected from `printf '{}' | sha256sum` (coreutils), not from this code.
    const empty = await contentHash({});
    expect(empty.hex).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(empty.short).toBe('44136fa355b3');
    // `printf '{"a":[1,2],"b":"x"}' | sha256sum`, the canonical form of the object below.
    expect((await contentHash({ b: 'x', a: [1, 2] })).hex).toBe('d0f56dda38d34376527524ddd98f7ec117d5cbfb240f86e11bfb9d2d01a717d9');
  });

  it('does not change with key order and changes with any value', async () => {
    const a = await contentHash({ depthMm: 90, id: 'cryo-1' });
    const b = await contentHash({ id: 'cryo-1', depthMm: 90 });
    const c = await contentHash({ id: 'cryo-1', depthMm: 90.01 });
    expect(a.hex).toBe(b.hex);
    expect(a.hex).not.toBe(c.hex);
    expect(a.short).toHaveLength(12);
  });
});
