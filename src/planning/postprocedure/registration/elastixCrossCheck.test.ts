import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { DEFAULT_SAMPLE_DIR, ensureSampleStudies } from '../../../../sample-dicom/ensureSampleStudies';
import { imageFiles } from '../../../../sample-dicom/testSupport/readSeries';
import type { StudyTruth } from '../../../../sample-dicom/truth';
import type { LpsBox } from '../../../records/postProcedure';
import { readSeriesVolume } from '../../../server/planning/readSeriesVolume';
import type { Vec3 } from '../../../shared/vec3';
import type { PlanningVolume } from '../../volume/planningVolume';
import { registerRigid } from '../registerRigid';
import { matrixFromParams, multiply, rmsDistanceMm, rotationDifferenceDeg, type Matrix4 } from '../rigid';
import { indexBoxOf, makeGrid, type Grid } from './grid';
import { factorsFor, INTENSITY } from './pyramid';
import { axisAngleMatrix, syntheticCbct } from './syntheticCbct';

/**
 * Cross-check of registerRigid against elastix (@itk-wasm/elastix, its wasm run offline in
 * Node) on one pose of case 2: elastix's rigid (Euler) registration with Mattes mutual
 * information on 2 mm, clamped (−200…1500 HU, so cement and metal are flattened: elastix
 * takes no masks) crops of the same pair, started from identity like ours. Its transform maps
 * fixed → moving points, the same direction as ours (planning LPS → CBCT LPS); its Euler
 * rotation is Rz·Rx·Ry about CenterOfRotationPoint (ITK's default order; rigid.ts uses Rz·Ry·Rx).
 */
let ct: PlanningVolume;
let lesion: Vec3;
let region: LpsBox;

beforeAll(async () => {
  await ensureSampleStudies(DEFAULT_SAMPLE_DIR, { keys: ['case2-pelvis-ct'], log: () => {} });
  const dir = path.join(DEFAULT_SAMPLE_DIR, 'case2-pelvis-ct');
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as StudyTruth;
  const read = await readSeriesVolume(imageFiles(dir));
  if (!read.ok) throw new Error(read.error);
  ct = read.value;
  const l1 = truth.lesions.find((l) => l.id === 'L1')!;
  lesion = l1.centerLps;
  region = { minLps: l1.boundingBoxLps.min.map((v) => v - 40) as [number, number, number], maxLps: l1.boundingBoxLps.max.map((v) => v + 40) as [number, number, number] };
});

/** A grid as an itk-wasm image (axis-aligned: the crops here have identity directions). */
async function toItkImage(g: Grid) {
  const { Image, ImageType, FloatTypes, PixelTypes } = await import('itk-wasm');
  const image = new Image(new ImageType(3, FloatTypes.Float32, PixelTypes.Scalar, 1));
  image.size = [...g.dims];
  image.spacing = [g.i2w[0]!, g.i2w[5]!, g.i2w[10]!];
  image.origin = [g.i2w[3]!, g.i2w[7]!, g.i2w[11]!];
  image.direction = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  image.data = g.values;
  return image;
}

it('elastix and registerRigid agree within 1 mm RMS and 0.5° on one pose (and both find the truth)', async (ctx) => {
  let elastix: typeof import('@itk-wasm/elastix');
  try {
    elastix = await import('@itk-wasm/elastix');
  } catch (e) {
    console.log(`elastix cross-check skipped: @itk-wasm/elastix cannot be loaded here (${e instanceof Error ? e.message : String(e)})`);
    ctx.skip();
    return;
  }
  const truth = axisAngleMatrix([0.4, -0.7, 0.6], 8, lesion, [6, -8, 5]);
  const c: Vec3 = [lesion[0] + 12 + 6, lesion[1] - 8 - 8, lesion[2] + 6 + 5];
  const moving = syntheticCbct(ct, {
    truth, centreLps: c, sizeMm: [170, 170, 130], spacingMm: 1, fovRadiusMm: 200, noiseHu: 25, huScale: 0.9, huOffset: 40, seed: 31,
    cement: { centreLps: [lesion[0] + 2, lesion[1] - 1, lesion[2]], semiAxesMm: [9, 10, 7], hu: 3000 },
    needle: { entryLps: [lesion[0] - 60, lesion[1] + 70, lesion[2] + 15], tipLps: [lesion[0] + 2, lesion[1] - 1, lesion[2]], radiusMm: 1.2, hu: 3000, streakHu: 300 },
  });
  const ours = await registerRigid(ct, moving, { region });
  expect(ours.ok).toBe(true);
  if (!ours.ok) return;
  expect(ours.value.status).toBe('ok');

  const window = { clampLo: INTENSITY.clampLo, clampHi: INTENSITY.clampHi };
  const fixedGrid = makeGrid(ct, indexBoxOf(ct, region, 0)!, factorsFor(ct, 2), window);
  const movingGrid = makeGrid(moving, indexBoxOf(moving, { minLps: [-1e4, -1e4, -1e4], maxLps: [1e4, 1e4, 1e4] }, 0)!, factorsFor(moving, 2), window);
  const t0 = Date.now();
  let result: Awaited<ReturnType<typeof elastix.elastixNode>>;
  try {
    const { parameterMap } = (await elastix.defaultParameterMapNode('rigid', { numberOfResolutions: 3 })) as { parameterMap: Record<string, string[]> };
    const map = { ...parameterMap, AutomaticTransformInitialization: ['false'], NumberOfSpatialSamples: ['3000'], MaximumNumberOfIterations: ['200'], WriteResultImage: ['false'] };
    result = await elastix.elastixNode([map], { fixed: await toItkImage(fixedGrid), moving: await toItkImage(movingGrid) });
  } catch (e) {
    console.log(`elastix cross-check skipped: elastix could not run here (${e instanceof Error ? e.message : String(e)})`);
    ctx.skip();
    return;
  }
  const maps = result.transformParameterObject as Record<string, string[]>[];
  const last = maps[maps.length - 1]!;
  expect(last.Transform).toEqual(['EulerTransform']);
  const p = last.TransformParameters!.map(Number);
  const centre = last.CenterOfRotationPoint!.map(Number) as unknown as Vec3;
  const deg = (r: number) => (r * 180) / Math.PI;
  // ITK's Euler3D: x ↦ R·(x − c) + c + t, R = Rz·Rx·Ry (or Rz·Ry·Rx with ComputeZYX), angles in radians.
  const about = (axis: 0 | 1 | 2) => matrixFromParams({ rotationDeg: [0, 1, 2].map((a) => (a === axis ? deg(p[axis]!) : 0)) as unknown as Vec3, translationMm: [0, 0, 0] }, centre);
  const rotation = last.ComputeZYX?.[0] === 'true' ? multiply(about(2), multiply(about(1), about(0))) : multiply(about(2), multiply(about(0), about(1)));
  const theirs: Matrix4 = multiply([1, 0, 0, p[3]!, 0, 1, 0, p[4]!, 0, 0, 1, p[5]!, 0, 0, 0, 1], rotation);

  const ball: Vec3[] = [];
  for (let x = -50; x <= 50; x += 10) for (let y = -50; y <= 50; y += 10) for (let z = -50; z <= 50; z += 10) {
    if (Math.hypot(x, y, z) <= 50) ball.push([lesion[0] + x, lesion[1] + y, lesion[2] + z]);
  }
  const agree = rmsDistanceMm(ours.value.matrix, theirs, ball), agreeDeg = rotationDifferenceDeg(ours.value.matrix, theirs);
  console.log(`elastix (${Date.now() - t0} ms, 2 mm crops ${fixedGrid.dims.join('×')} / ${movingGrid.dims.join('×')}): ours vs elastix ${agree.toFixed(3)} mm RMS, ${agreeDeg.toFixed(3)}°; ` +
    `ours vs truth ${rmsDistanceMm(ours.value.matrix, truth, ball).toFixed(3)} mm; elastix vs truth ${rmsDistanceMm(theirs, truth, ball).toFixed(3)} mm, ${rotationDifferenceDeg(theirs, truth).toFixed(3)}°`);
  expect(agree).toBeLessThanOrEqual(1.0);
  expect(agreeDeg).toBeLessThanOrEqual(0.5);
  // Both against the transform the pair was made with (the agreement is not a shared mistake).
  expect(rmsDistanceMm(theirs, truth, ball)).toBeLessThanOrEqual(1.0);
  expect(rmsDistanceMm(ours.value.matrix, truth, ball)).toBeLessThanOrEqual(1.0);
});
