import { deviceById, zoneSetOf } from '../../planning/devices/deviceById';
import { lesionContentSchema } from '../../planning/records/lesionContent';
import { migrateTrajectoryContent, trajectoryContentSchema } from '../../planning/trajectory/trajectoryContent';
import { err, ok, type Result } from '../../shared/result';
import { COMPREHENSIVE_3D_SR_STORAGE, type ExportedObject, type ExportedSeg, type PlanExportInput } from '../exportTypes';
import { encodePart10, type NaturalDataset } from '../part10';
import type { ContentItem } from './contentItem';
import { dicomUtc } from '../dicomDateTime';
import { lesionGroup } from './lesionGroup';
import { percuplanSchemeIdentification } from '../percuplanCodes';
import { reportContent } from './reportContent';
import { completionAndVerification, copiedPatientStudy } from './srDocumentHeader';
import { evidenceSequence, orderedSlices, predecessorSequence } from './srEvidence';
import { longString, specificCharacterSet, srSeriesDescription } from './srText';
import { trajectoryGroup } from './trajectoryGroup';

/** The SeriesNumber of the plan's SR series (the SEG series is 9001). */
export const SR_SERIES_NUMBER = 9002;

const issuePath = (prefix: string, path: readonly PropertyKey[]): string => `${prefix}.${path.map(String).join('.')}`;

/**
 * The Comprehensive 3D SR (TID 1500 Imaging Measurement Report) of one plan version: one
 * measurement group per trajectory and one per lesion, referencing the planning CT and the
 * plan's SEG (`seg`, null when the plan has no segment). Deterministic: the same version gives
 * the same bytes (UIDs from `input.uids`, dates from the plan, no clock). Fails with every
 * problem found (content that does not parse, a trajectory in another frame of reference, a
 * value no DS can hold, a missing tracking UID).
 */
export function writePlanSr(input: PlanExportInput, seg: ExportedSeg | null): Result<ExportedObject, string[]> {
  const { plan, ct, uids, catalogue } = input;
  const errors: string[] = [];
  const lesionPart = lesionContentSchema.safeParse(plan.content);
  const trajectoryPart = trajectoryContentSchema.safeParse(migrateTrajectoryContent({ ...plan.content }));
  if (!lesionPart.success) errors.push(...lesionPart.error.issues.map((i) => `${issuePath('content', i.path)}: ${i.message}`));
  if (!trajectoryPart.success) errors.push(...trajectoryPart.error.issues.map((i) => `${issuePath('content', i.path)}: ${i.message}`));
  const updated = dicomUtc(plan.updatedAt);
  if (!updated.ok) errors.push(`updatedAt: ${updated.error}`);
  const approved = plan.approvedAt ? dicomUtc(plan.approvedAt) : null;
  if (approved && !approved.ok) errors.push(`approvedAt: ${approved.error}`);
  const patientStudy = copiedPatientStudy(ct.patientStudy);
  const studyUid = typeof patientStudy.StudyInstanceUID === 'string' && patientStudy.StudyInstanceUID !== '' ? patientStudy.StudyInstanceUID : ct.slices[0]?.studyInstanceUID;
  if (!studyUid) errors.push('the CT has no StudyInstanceUID');
  if (ct.slices.length === 0) errors.push('the CT has no slices');
  const ctFrames = new Set(ct.slices.map((s) => s.frameOfReferenceUID).filter((f): f is string => !!f));
  if (ctFrames.size > 0 && !ctFrames.has(plan.frameOfReferenceUID)) {
    errors.push(`the plan's frame of reference ${plan.frameOfReferenceUID} is not the CT's (${[...ctFrames].join(', ')})`);
  }
  if (!lesionPart.success || !trajectoryPart.success || !updated.ok || (approved && !approved.ok) || !studyUid) return err(errors);

  const lesions = lesionPart.data.lesions;
  const { trajectories, zoneMetrics } = trajectoryPart.data;
  const tracking = (id: string, what: string): string => {
    try {
      return uids.trackingUid(id);
    } catch {
      errors.push(`${what}: no tracking UID was prepared for it`);
      return '';
    }
  };
  const groups: ContentItem[] = [];
  for (const t of trajectories) {
    if (t.frameOfReferenceUID !== plan.frameOfReferenceUID) {
      errors.push(`trajectory ${t.label || t.id}: drawn in frame of reference ${t.frameOfReferenceUID}, not the plan's`);
      continue;
    }
    const device = deviceById(catalogue, t.deviceId);
    const zoneSet = device ? zoneSetOf(device, t.zoneSetId) : undefined;
    groups.push(
      trajectoryGroup(
        {
          trajectory: t,
          device,
          zoneSetLabel: zoneSet ? zoneSet.label : null,
          lesion: t.lesionId ? lesions.find((l) => l.id === t.lesionId) : undefined,
          trackingUid: tracking(t.id, `trajectory ${t.label || t.id}`),
          frameOfReferenceUID: plan.frameOfReferenceUID,
        },
        errors,
      ),
    );
  }
  for (const lesion of lesions) {
    const ref = seg?.segments.find((s) => s.kind === 'lesion' && s.itemId === lesion.id);
    groups.push(
      lesionGroup(
        {
          lesion,
          trackingUid: tracking(lesion.id, `lesion ${lesion.label || lesion.id}`),
          segment: seg && ref ? { sopInstanceUID: seg.object.sopInstanceUID, ref } : null,
          sourceSeriesUID: lesion.segmentation?.seriesInstanceUID ?? plan.seriesInstanceUID,
          zone: zoneMetrics?.lesions.find((z) => z.lesionId === lesion.id),
        },
        errors,
      ),
    );
  }
  if (errors.length > 0) return err(errors);

  const slices = orderedSlices(ct.slices);
  const dataset: NaturalDataset = {
    ...patientStudy,
    StudyInstanceUID: studyUid,
    SOPClassUID: COMPREHENSIVE_3D_SR_STORAGE,
    SOPInstanceUID: uids.srInstance,
    CodingSchemeIdentificationSequence: [percuplanSchemeIdentification()],
    Modality: 'SR',
    SeriesInstanceUID: uids.srSeries,
    SeriesNumber: SR_SERIES_NUMBER,
    SeriesDescription: srSeriesDescription(plan.title),
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: 'PercuPlan',
    ManufacturerModelName: 'PercuPlan',
    SoftwareVersions: longString(input.softwareVersion),
    InstanceNumber: plan.version,
    ContentDate: updated.value.date,
    ContentTime: updated.value.time,
    ...completionAndVerification(plan, approved ? approved.value : null),
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: evidenceSequence(studyUid, slices, seg),
    ...(uids.predecessorSrInstance ? { PredecessorDocumentsSequence: predecessorSequence(studyUid, uids.srSeries, uids.predecessorSrInstance) } : {}),
    ...reportContent({
      observers: [plan.updatedBy, plan.createdBy],
      slices,
      frameOfReferenceUID: plan.frameOfReferenceUID,
      groups,
    }),
  };
  const withCharset: NaturalDataset = { ...specificCharacterSet(dataset), ...dataset };
  return ok({
    kind: 'sr',
    fileName: `SR_${uids.srInstance}.dcm`,
    sopClassUID: COMPREHENSIVE_3D_SR_STORAGE,
    sopInstanceUID: uids.srInstance,
    seriesInstanceUID: uids.srSeries,
    bytes: encodePart10(withCharset),
  });
}
