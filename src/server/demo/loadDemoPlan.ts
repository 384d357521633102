import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { err, ok, type Result } from '../../shared/result';
import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import type { PlanningVolume } from '../../planning/volume/planningVolume';
import { readSeriesVolume } from '../planning/readSeriesVolume';
import { buildDemoPlan, type DemoPlanInput } from './demoPlans';
import { parseDemoTruth, type DemoCaseKey, type DemoTruth } from './demoTruth';

/** A sample study as the demo plans read it: its CT and its truth. */
export interface DemoStudy {
  readonly volume: PlanningVolume;
  readonly truth: DemoTruth;
}

/**
 * Reads a generated sample study (`<sampleDir>/<key>/IM*.dcm` and `truth.json`). Fails with a
 * message naming the folder or file when they are missing or unreadable.
 */
export async function readDemoStudy(sampleDir: string, key: DemoCaseKey): Promise<Result<DemoStudy>> {
  const dir = path.join(sampleDir, key);
  let names: string[];
  let json: unknown;
  try {
    names = await readdir(dir);
    json = JSON.parse(await readFile(path.join(dir, 'truth.json'), 'utf8'));
  } catch (e) {
    return err(`${dir}: not a generated sample study (${e instanceof Error ? e.message : String(e)})`);
  }
  const truth = parseDemoTruth(json, path.join(dir, 'truth.json'));
  if (!truth.ok) return truth;
  const files = names.filter((f) => /^IM\d+\.dcm$/.test(f)).sort().map((f) => path.join(dir, f));
  const volume = await readSeriesVolume(files);
  if (!volume.ok) return err(`${dir}: ${volume.error}`);
  return ok({ volume: volume.value, truth: truth.value });
}

/** The demo plan of a generated sample study: {@link readDemoStudy} then {@link buildDemoPlan}. */
export async function loadDemoPlan(sampleDir: string, key: DemoCaseKey, catalogue: DeviceCatalogue): Promise<Result<DemoPlanInput>> {
  const study = await readDemoStudy(sampleDir, key);
  if (!study.ok) return study;
  return buildDemoPlan(key, study.value.volume, study.value.truth, catalogue);
}
