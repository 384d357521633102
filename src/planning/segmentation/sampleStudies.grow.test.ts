import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dicomParser, { type DataSet } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { cross, dot, lps, normalize, sub, type Vec3 } from '../../shared/vec3';
import type { PlanningVolume } from '../volume/planningVolume';
import { growLesion } from './growLesion';

const GENERATED = fileURLToPath(new URL('../../../sample-dicom/generated/', import.meta.url));
const STUDIES = ['case1-pelvis-ct', 'case2-pelvis-ct', 'case3-spine-ct'] as const;

interface LesionTruth {
  id: string;
  label: string;
  centerLps: [number, number, number];
  volumeMl: number;
}

const numbers = (ds: DataSet, tag: string): number[] => (ds.string(tag) ?? '').split('\\').filter((s) => s !== '').map(Number);

/**
 * Reads a synthetic study's CT series with dicom-parser into a planning volume, slices
 * ordered along the stacking direction, HU from the rescale.
 */
function readVolume(dir: string): PlanningVolume {
  const slices = readdirSync(dir)
    .filter((f) => /^IM\d+\.dcm$/.test(f))
    .map((f) => {
      const bytes = new Uint8Array(readFileSync(path.join(dir, f)));
      const ds = dicomParser.parseDicom(bytes);
      const [x, y, z] = numbers(ds, 'x00200032');
      const position: Vec3 = [x!, y!, z!];
      return { ds, bytes, position };
    });
  const first = slices[0]!.ds;
  const o = numbers(first, 'x00200037');
  const row: Vec3 = [o[0]!, o[1]!, o[2]!];
  const col: Vec3 = [o[3]!, o[4]!, o[5]!];
  const normal = cross(row, col);
  slices.sort((a, b) => dot(a.position, normal) - dot(b.position, normal));
  const rows = first.uint16('x00280010')!;
  const columns = first.uint16('x00280011')!;
  const [rowSpacing, colSpacing] = numbers(first, 'x00280030');
  const span = sub(slices[slices.length - 1]!.position, slices[0]!.position);
  const plane = rows * columns;
  const scalars = new Int16Array(plane * slices.length);
  slices.forEach(({ ds, bytes }, k) => {
    const slope = ds.floatString('x00281053') ?? 1;
    const intercept = ds.floatString('x00281052') ?? 0;
    const signed = ds.uint16('x00280103') === 1;
    const el = ds.elements['x7fe00010']!;
    const view = new DataView(bytes.buffer, bytes.byteOffset + el.dataOffset, el.length);
    for (let p = 0; p < plane; p++) {
      const raw = signed ? view.getInt16(2 * p, true) : view.getUint16(2 * p, true);
      scalars[k * plane + p] = Math.round(raw * slope + intercept);
    }
  });
  const p0 = slices[0]!.position;
  return {
    dimensions: [columns, rows, slices.length],
    spacing: [colSpacing!, rowSpacing!, Math.hypot(span[0], span[1], span[2]) / (slices.length - 1)],
    origin: lps(p0[0], p0[1], p0[2]),
    direction: [row, col, normalize(span)],
    scalars,
  };
}

for (const key of STUDIES) {
  const dir = path.join(GENERATED, key);
  const present = existsSync(path.join(dir, 'truth.json'));
  if (!present) console.log(`[sample grow] ${key}: skipped, ${dir} has no generated study (run npm run sample-dicom)`);
  describe.skipIf(!present)(`growLesion on the sample study ${key}`, () => {
    it('grows every lesion from its truth centre to within 10 % of the truth volume', () => {
      const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as { lesions: LesionTruth[] };
      const volume = readVolume(dir);
      for (const lesion of truth.lesions) {
        const started = performance.now();
        const r = growLesion(volume, lps(...lesion.centerLps));
        const ms = performance.now() - started;
        if (!r.ok) throw new Error(`${key} ${lesion.id}: ${r.error}`);
        const s = r.value.stats;
        const error = s.volumeMl / lesion.volumeMl - 1;
        console.log(
          `[sample grow] ${key} ${lesion.id} truth ${lesion.volumeMl.toFixed(3)} mL, grown ${s.volumeMl.toFixed(3)} mL ` +
            `(${(100 * error).toFixed(1)} %), range ${s.huRange[0]}..${s.huRange[1]} HU, ${ms.toFixed(0)} ms${s.leaked ? `, leaked (${s.leakReason})` : ''}`,
        );
        expect(s.leaked).toBe(false);
        expect(Math.abs(error)).toBeLessThan(0.1);
      }
    });
  });
}
