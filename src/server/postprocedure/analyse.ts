import { draftFromContent } from '../../planning/plan/planContentIO';
import { defaultRegion, runAssessment } from '../../planning/postprocedure/assess';
import { registerRigid } from '../../planning/postprocedure/registerRigid';
import { createPlanningVolume, type PlanningVolume } from '../../planning/volume/planningVolume';
import { lps } from '../../shared/vec3';
import type { Result } from '../../shared/result';
import type { RegistrationReport } from '../../records/postProcedure';
import type { AnalysisJob, AnalysisOutcome, VolumeMessage } from './analysisJob';

/** How the worker hears about the job as it goes. */
export interface AnalyseHooks {
  readonly onProgress?: (fraction: number, phase: string) => void;
  readonly cancelled?: () => boolean;
}

function volumeOf(m: VolumeMessage, what: string): Result<PlanningVolume> {
  const v = createPlanningVolume({ dimensions: m.dimensions, spacing: m.spacing, origin: lps(m.origin[0], m.origin[1], m.origin[2]), direction: m.direction }, m.scalars);
  return v.ok ? v : { ok: false, error: `the ${what} is not a usable volume: ${v.error}` };
}

/**
 * One post-procedure analysis, as the worker thread runs it: the volumes and the plan rebuilt
 * from the message, then — without a given matrix — the registration first, so that a failed
 * one is answered with its whole report (422), then {@link runAssessment} with the matrix the
 * registration found (its report replaces the one built for a given matrix: source 'automatic').
 * Never throws: an exception is an 'error' outcome.
 */
export async function analyse(job: AnalysisJob, hooks: AnalyseHooks = {}): Promise<AnalysisOutcome> {
  const cancelled = hooks.cancelled ?? (() => false);
  try {
    const ct = volumeOf(job.ct, 'planning CT');
    if (!ct.ok) return { kind: 'invalid', message: ct.error };
    const cbct = volumeOf(job.cbct, 'cone-beam CT');
    if (!cbct.ok) return { kind: 'invalid', message: cbct.error };
    const decoded = draftFromContent(job.planContent, { seriesInstanceUID: job.planningSeriesInstanceUID, frameOfReferenceUID: job.planFrameOfReferenceUID, geometry: ct.value });
    if (!decoded.ok) return { kind: 'invalid', message: `the plan's content does not restore: ${decoded.error.join('; ')}` };
    const plan = decoded.value.draft;
    let matrix = job.matrix;
    let region = job.region;
    let automatic: RegistrationReport | undefined;
    if (!matrix) {
      region ??= defaultRegion(ct.value, plan, 40) ?? undefined;
      if (!region) return { kind: 'invalid', message: 'the plan has no lesion segmented on its CT, so there is no default registration region: give `region`' };
      const registered = await registerRigid(ct.value, cbct.value, {
        region,
        cancelled,
        onProgress: (f, phase) => hooks.onProgress?.(f * 0.8, phase),
      });
      if (cancelled()) return { kind: 'cancelled' };
      if (!registered.ok) return { kind: 'invalid', message: `registration: ${registered.error}` };
      if (registered.value.status !== 'ok') {
        return { kind: 'registration-failed', message: registered.value.message ?? 'the registration does not trust its answer', registration: registered.value };
      }
      automatic = registered.value;
      matrix = automatic.matrix;
    }
    const assessed = await runAssessment({
      ct: ct.value,
      planningSeriesInstanceUID: job.planningSeriesInstanceUID,
      cbct: cbct.value,
      cbctIdentity: job.cbctIdentity,
      plan,
      ...(region ? { region } : {}),
      matrix,
      ...(job.matrixSource ? { matrixSource: job.matrixSource } : {}),
      ...(job.placedNeedles ? { placedNeedles: job.placedNeedles } : {}),
      onProgress: (f, phase) => hooks.onProgress?.(automatic ? 0.8 + 0.2 * f : f, phase),
      cancelled,
    });
    if (cancelled()) return { kind: 'cancelled' };
    if (!assessed.ok) return { kind: 'invalid', message: assessed.error };
    const result = automatic ? { ...assessed.value, registration: automatic } : assessed.value;
    const notes = decoded.value.notes;
    return { kind: 'ok', result: notes.length ? { ...result, warnings: [...result.warnings, ...notes] } : result };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}
