import { mirrorX } from '../phantom/combine';
import { ellipseLoft } from '../phantom/lofts';
import type { PaintOp } from '../phantom/paint';
import { tube } from '../phantom/primitives';
import type { Shape } from '../phantom/shape';
import { tissue } from './tissue';

/** Psoas, quadratus lumborum, erector spinae, multifidus and diaphragmatic crura along a spine. */
export function paraspinalMuscleOps(spineY: (z: number) => number, zTop: number, zBottom: number, psoasTopZ: number): PaintOp[] {
  const zs: number[] = [];
  for (let z = zBottom - 40; z < zTop + 40; z += 25) zs.push(z);
  zs.push(zTop + 40);
  // Thoracic above psoasTopZ + 40, lumbar below psoasTopZ - 40, blended between.
  const lumbar = (z: number) => Math.min(1, Math.max(0, (psoasTopZ + 40 - z) / 80));
  const mix = (t: number, a: number, b: number) => a + (b - a) * t;
  const erector = ellipseLoft(zs.map((z) => {
    const t = lumbar(z);
    return { z, cx: mix(t, 27, 34), cy: spineY(z) + mix(t, 46, 58), rx: mix(t, 17, 23), ant: mix(t, 13, 19), post: mix(t, 15, 21) };
  }));
  const multifidus = ellipseLoft(zs.map((z) => {
    const t = lumbar(z);
    return { z, cx: mix(t, 9, 12), cy: spineY(z) + mix(t, 44, 54), rx: mix(t, 7, 10), ant: mix(t, 9, 12), post: mix(t, 11, 15) };
  }));
  const pz = [psoasTopZ, psoasTopZ - 40, psoasTopZ - 90, psoasTopZ - 140, zBottom - 40];
  const psoas = ellipseLoft(pz.reverse().map((z) => {
    const t = Math.min(1, (psoasTopZ - z) / 140);
    return { z, cx: mix(t, 24, 46), cy: spineY(z) + mix(t, 4, -4), rx: mix(t, 5, 21), ant: mix(t, 5, 18), post: mix(t, 6, 17) };
  }));
  const qz = [psoasTopZ - 10, psoasTopZ - 60, zBottom - 40].reverse();
  const ql = ellipseLoft(qz.map((z) => {
    const t = Math.min(1, (psoasTopZ - 10 - z) / 80);
    return { z, cx: mix(t, 50, 62), cy: spineY(z) + 34, rx: mix(t, 8, 17), ant: mix(t, 4, 8), post: mix(t, 4, 8) };
  }));
  const crus = tube([[14, spineY(psoasTopZ + 30) - 16, psoasTopZ + 30], [12, spineY(psoasTopZ - 35) - 8, psoasTopZ - 35]], [5, 4]);
  const parts: [string, Shape][] = [['erector spinae', erector], ['multifidus', multifidus], ['psoas', psoas], ['quadratus lumborum', ql], ['diaphragmatic crus', crus]];
  return parts.flatMap(([name, sh]) => [
    { name: `left ${name}`, shape: sh, material: tissue.muscle },
    { name: `right ${name}`, shape: mirrorX(sh), material: tissue.muscle },
  ]);
}
