import { err, ok, type Result } from '../shared/result';
import type { ExportedObject, PlanExportInput } from './exportTypes';
import { writePlanSeg } from './seg/writePlanSeg';
import { writePlanSr } from './sr/writePlanSr';

/**
 * A plan version as DICOM: its SEG (when it has anything to segment) first, then its
 * Comprehensive 3D SR, which references the SEG's segments. When either cannot be written the
 * export fails with the problems of both, so one answer names everything to fix.
 */
export function exportPlanDicom(input: PlanExportInput): Result<ExportedObject[], string[]> {
  const seg = writePlanSeg(input);
  const sr = writePlanSr(input, seg.ok ? seg.value : null);
  const errors = [...(seg.ok ? [] : seg.error.map((e) => `SEG: ${e}`)), ...(sr.ok ? [] : sr.error.map((e) => `SR: ${e}`))];
  if (!seg.ok || !sr.ok) return err(errors);
  return ok(seg.value ? [seg.value.object, sr.value] : [sr.value]);
}
