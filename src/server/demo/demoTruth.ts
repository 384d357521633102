import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';

/** The sample studies that carry a demo plan. */
export const DEMO_CASE_KEYS = ['case1-pelvis-ct', 'case2-pelvis-ct', 'case3-spine-ct'] as const;

/** The key of a sample study with a demo plan. */
export type DemoCaseKey = (typeof DEMO_CASE_KEYS)[number];

const triple = z.tuple([z.number(), z.number(), z.number()]);

/**
 * The part of a sample study's truth.json (written by sample-dicom/generate.ts) that the demo
 * plans use: the series identity, where each lesion is (its centre seeds the grow), and the
 * landmarks the trajectories are placed from. All points are patient LPS millimetres.
 */
export const demoTruthSchema = z.object({
  studyInstanceUID: z.string().min(1),
  seriesInstanceUID: z.string().min(1),
  frameOfReferenceUID: z.string().min(1),
  lesions: z.array(z.object({ id: z.string().min(1), centerLps: triple, volumeMl: z.number().positive() })).min(1),
  landmarks: z.record(z.string(), triple),
});

/** What the demo plans need of a truth file. */
export type DemoTruth = z.infer<typeof demoTruthSchema>;

/** Checks a parsed truth.json, naming the first field that is wrong. */
export function parseDemoTruth(json: unknown, file = 'truth.json'): Result<DemoTruth> {
  const r = demoTruthSchema.safeParse(json);
  if (r.success) return ok(r.data);
  const issue = r.error.issues[0]!;
  return err(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** The truth lesion with this id, or a message naming what is missing. */
export function truthLesion(truth: DemoTruth, id: string): Result<DemoTruth['lesions'][number]> {
  const l = truth.lesions.find((x) => x.id === id);
  return l ? ok(l) : err(`truth has no lesion ${id}`);
}

/** The truth landmark with this name, or a message naming what is missing. */
export function truthLandmark(truth: DemoTruth, name: string): Result<readonly [number, number, number]> {
  const p = truth.landmarks[name];
  return p ? ok(p) : err(`truth has no landmark ${name}`);
}
