import { describe, expect, it } from 'vitest';
import { nudgeForKey, nudgeMatrix } from './nudge';
import { applyMatrix, IDENTITY4, matrixFromParams, paramsFromMatrix } from '../../planning/postprocedure/rigid';
import type { Vec3 } from '../../shared/vec3';

const dist = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const centre: Vec3 = [20, -40, 310];
const m = matrixFromParams({ rotationDeg: [8, -12, 17], translationMm: [6, -9, 14] }, centre);
// A coronal-like view at 0.7 mm per pixel: right = +x, down = −z, normal (towards the viewer) = right × down direction … any orthogonal triple.
const plane = { right: [0.7, 0, 0] as Vec3, down: [0, 0, -0.7] as Vec3, normal: [0, 1, 0] as Vec3 };

describe('nudging the fusion by hand', () => {
  it('a translate of 0.5 mm to the right moves q = M·p by exactly 0.5 mm and shows the same CBCT point 0.5 mm further right', () => {
    const m2 = nudgeMatrix(m, plane, { kind: 'translate', rightMm: 0.5, downMm: 0 }, centre);
    for (const p of [[0, 0, 0], [25, -33, 300], [-80, 10, 400]] as Vec3[]) {
      expect(dist(applyMatrix(m2, p), applyMatrix(m, p))).toBeCloseTo(0.5, 10);
      // The picture moved right (+x here) by 0.5 mm: what was shown at p is now shown at p + (0.5, 0, 0).
      expect(dist(applyMatrix(m2, [p[0] + 0.5, p[1], p[2]]), applyMatrix(m, p))).toBeLessThan(1e-9);
    }
    // The rotation stays; the translation (about the centre) changes by 0.5 mm in length.
    const a = paramsFromMatrix(m, centre), b = paramsFromMatrix(m2, centre);
    expect(dist(a.translationMm, b.translationMm)).toBeCloseTo(0.5, 10);
    for (let i = 0; i < 3; i++) expect(b.rotationDeg[i]).toBeCloseTo(a.rotationDeg[i]!, 10);
    // Down 2 mm is along −z in this view, along the normal +y.
    const down = nudgeMatrix(IDENTITY4, plane, { kind: 'translate', rightMm: 0, downMm: 2, normalMm: 1 }, centre);
    expect(applyMatrix(down, [0, 1, -2])).toEqual([0, 0, 0]);
  });

  it('a turn of 90° about the normal through the centre shows the CBCT point of p at p turned by 90°', () => {
    const axial = { right: [1, 0, 0] as Vec3, down: [0, 1, 0] as Vec3, normal: [0, 0, 1] as Vec3 };
    const m2 = nudgeMatrix(IDENTITY4, axial, { kind: 'rotate', deg: 90 }, [10, 0, 0]);
    // (11, 0, 0) turned +90° about +z through (10, 0, 0) is (10, 1, 0): there the CBCT's (11, 0, 0) shows now.
    const q = applyMatrix(m2, [10, 1, 0]);
    expect(q[0]).toBeCloseTo(11, 12);
    expect(q[1]).toBeCloseTo(0, 12);
    expect(q[2]).toBeCloseTo(0, 12);
    // The centre does not move.
    expect(dist(applyMatrix(m2, [10, 0, 0]), [10, 0, 0])).toBeLessThan(1e-12);
    // Half a degree: the rotation numbers change by 0.5° about z for an identity start.
    const small = nudgeMatrix(IDENTITY4, axial, { kind: 'rotate', deg: 0.5 }, [10, 0, 0]);
    expect(paramsFromMatrix(small, [10, 0, 0]).rotationDeg[2]).toBeCloseTo(-0.5, 10);
  });

  it('maps Alt + arrows, PgUp/PgDn and [ ] to nudges, Shift to the larger step, and leaves keys without Alt alone', () => {
    const k = (code: string, mods: { shift?: boolean; alt?: boolean; ctrl?: boolean } = {}) =>
      nudgeForKey({ code, key: code, altKey: mods.alt ?? true, shiftKey: mods.shift ?? false, ctrlKey: mods.ctrl ?? false, metaKey: false });
    expect(k('ArrowRight')).toEqual({ kind: 'translate', rightMm: 0.5, downMm: 0 });
    expect(k('ArrowUp', { shift: true })).toEqual({ kind: 'translate', rightMm: 0, downMm: -2 });
    expect(k('PageUp')).toEqual({ kind: 'translate', rightMm: 0, downMm: 0, normalMm: 0.5 });
    expect(k('BracketLeft')).toEqual({ kind: 'rotate', deg: 0.5 });
    expect(k('BracketRight')).toEqual({ kind: 'rotate', deg: -0.5 });
    expect(k('ArrowRight', { alt: false })).toBeNull();
    expect(k('ArrowRight', { ctrl: true })).toBeNull();
    expect(k('KeyA')).toBeNull();
  });
});
