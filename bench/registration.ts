/**
 * The post-procedure registration row of `npm run bench` (issue 18): registerRigid of case 2's
 * generated cone-beam CT to its planning CT over a 20 cm box around the lesions, in the bench's
 * own Node process (single thread), with its error against the generator's pose. Never asserts
 * a timing. `npx tsx bench/registration.ts` runs it alone and prints the numbers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SAMPLE_DIR, ensureSampleStudies } from '../sample-dicom/ensureSampleStudies';
import { imageFiles } from '../sample-dicom/testSupport/readSeries';
import type { StudyTruth } from '../sample-dicom/truth';
import { registerRigid } from '../src/planning/postprocedure/registerRigid';
import { rmsDistanceMm, rotationDifferenceDeg } from '../src/planning/postprocedure/rigid';
import { readSeriesVolume } from '../src/server/planning/readSeriesVolume';
import type { Goal, Recorder } from './results';

export const REGISTRATION_ID = 'postprocedure.registrationMs';
export const REGISTRATION_GOAL: Goal = { text: '< 10 s for a 20 cm region (issue 18)', max: 10_000 };
const REGION_MM = 200;

/** Declares the row so it is there even when the registration is not run (`--only`). */
export function registrationRows(r: Recorder): void {
  r.row(REGISTRATION_ID, 'ms', REGISTRATION_GOAL);
}

/** Registers case 2's CBCT to its CT `runs` times and records each run's elapsed time. */
export async function registrationBench(r: Recorder, runs: number, log: (s: string) => void): Promise<void> {
  registrationRows(r);
  await ensureSampleStudies(DEFAULT_SAMPLE_DIR, { keys: ['case2-pelvis-ct', 'case2-cbct'], log });
  const truthOf = (key: string) => JSON.parse(readFileSync(path.join(DEFAULT_SAMPLE_DIR, key, 'truth.json'), 'utf8')) as StudyTruth;
  const ctTruth = truthOf('case2-pelvis-ct');
  const pose = truthOf('case2-cbct').pose;
  const [fixed, moving] = [await readSeriesVolume(imageFiles(path.join(DEFAULT_SAMPLE_DIR, 'case2-pelvis-ct'))), await readSeriesVolume(imageFiles(path.join(DEFAULT_SAMPLE_DIR, 'case2-cbct')))];
  if (!fixed.ok || !moving.ok) throw new Error(`case 2 CT or CBCT not readable: ${!fixed.ok ? fixed.error : !moving.ok ? moving.error : ''}`);
  // A 20 cm cube centred between the lesions (planning LPS).
  const centre = [0, 1, 2].map((a) => ctTruth.lesions.reduce((s, l) => s + l.centerLps[a]!, 0) / ctTruth.lesions.length);
  const region = { minLps: centre.map((c) => c - REGION_MM / 2) as [number, number, number], maxLps: centre.map((c) => c + REGION_MM / 2) as [number, number, number] };
  const ball: [number, number, number][] = [];
  for (const l of ctTruth.lesions) for (let x = -50; x <= 50; x += 10) for (let y = -50; y <= 50; y += 10) for (let z = -50; z <= 50; z += 10) {
    if (Math.hypot(x, y, z) <= 50) ball.push([l.centerLps[0] + x, l.centerLps[1] + y, l.centerLps[2] + z]);
  }
  const errors: string[] = [];
  for (let run = 0; run < runs; run++) {
    const res = await registerRigid(fixed.value, moving.value, { region });
    if (!res.ok) throw new Error(`registerRigid: ${res.error}`);
    const rep = res.value;
    r.record(REGISTRATION_ID, 'ms', 'ours', rep.elapsedMs, REGISTRATION_GOAL);
    const err = pose ? `${rmsDistanceMm(pose.planningToThisLps, rep.matrix, ball).toFixed(3)} mm RMS / ${rotationDifferenceDeg(pose.planningToThisLps, rep.matrix).toFixed(3)}°` : 'no truth pose';
    errors.push(`${rep.status} ${err}`);
    log(`  registration run ${run + 1}/${runs}: ${rep.elapsedMs} ms, ${rep.status}, NCC ${rep.residual.ncc.toFixed(3)}, vs truth ${err}`);
  }
  const [fx, fy, fz] = fixed.value.dimensions, [mx, my, mz] = moving.value.dimensions;
  r.note(
    REGISTRATION_ID,
    'ms',
    `Node, one thread, in the bench's process before the browser starts: registerRigid of case 2's generated CBCT (${mx}×${my}×${mz} @ ${moving.value.spacing.map((s) => s.toFixed(2)).join('×')} mm) to its planning CT (${fx}×${fy}×${fz} @ ${fixed.value.spacing.map((s) => s.toFixed(2)).join('×')} mm) over a ${REGION_MM} mm cube centred between the lesions, from the scanners' coordinates with the coarse search (±24°, ±30 mm); whole call incl. pyramids and masks, reading excluded; per run vs the generator's pose (50 mm balls about the lesions): ${errors.join(', ')}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows: { id: string; v: number | null | undefined }[] = [];
  const notes: string[] = [];
  const recorder: Recorder = { record: (id, _u, _s, v) => rows.push({ id, v }), note: (_id, _u, t) => notes.push(t), row: () => undefined };
  const runs = Number(process.argv[2] ?? 3);
  registrationBench(recorder, runs, console.log)
    .then(() => {
      for (const row of rows) console.log(`${row.id}: ${row.v} ms`);
      for (const n of notes) console.log(n);
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
