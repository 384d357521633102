import type { InstanceHeader } from '../../dicom/instanceHeader';
import { cross, dot, type Vec3 } from '../../shared/vec3';
import { COMPREHENSIVE_3D_SR_STORAGE, type ExportedSeg } from '../exportTypes';
import type { NaturalDataset } from '../part10';

const positionAlongNormal = (h: InstanceHeader): number => {
  const o = h.imageOrientationPatient;
  const p = h.imagePositionPatient;
  if (!o || !p) return 0;
  const normal: Vec3 = cross([o[0], o[1], o[2]], [o[3], o[4], o[5]]);
  return dot(p, normal);
};

/**
 * The CT slices in a fixed order, whatever order they were given in: by series, then position
 * along the slice normal, then SOP Instance UID. Evidence lists and the image library follow
 * it, so the same plan version always gives the same bytes.
 */
export function orderedSlices(slices: readonly InstanceHeader[]): InstanceHeader[] {
  return [...slices].sort(
    (a, b) =>
      a.seriesInstanceUID.localeCompare(b.seriesInstanceUID) ||
      positionAlongNormal(a) - positionAlongNormal(b) ||
      a.sopInstanceUID.localeCompare(b.sopInstanceUID),
  );
}

interface Ref {
  readonly series: string;
  readonly sopClass: string;
  readonly sopInstance: string;
}

/**
 * Current Requested Procedure Evidence (PS3.3 C.17.2.3, Hierarchical SOP Instance Reference
 * Macro): every CT instance and the SEG, grouped by series, under the study. dciodvfy checks
 * that every instance the content references is listed here.
 */
export function evidenceSequence(studyInstanceUID: string, slices: readonly InstanceHeader[], seg: ExportedSeg | null): NaturalDataset[] {
  const refs: Ref[] = slices.map((s) => ({ series: s.seriesInstanceUID, sopClass: s.sopClassUID, sopInstance: s.sopInstanceUID }));
  if (seg) refs.push({ series: seg.object.seriesInstanceUID, sopClass: seg.object.sopClassUID, sopInstance: seg.object.sopInstanceUID });
  const bySeries = new Map<string, Ref[]>();
  for (const r of refs) bySeries.set(r.series, [...(bySeries.get(r.series) ?? []), r]);
  return [
    {
      StudyInstanceUID: studyInstanceUID,
      ReferencedSeriesSequence: [...bySeries].map(([series, list]) => ({
        SeriesInstanceUID: series,
        ReferencedSOPSequence: list.map((r) => ({ ReferencedSOPClassUID: r.sopClass, ReferencedSOPInstanceUID: r.sopInstance })),
      })),
    },
  ];
}

/** Predecessor Documents Sequence naming the previous version's SR (same study and SR series). */
export const predecessorSequence = (studyInstanceUID: string, srSeries: string, predecessor: string): NaturalDataset[] => [
  {
    StudyInstanceUID: studyInstanceUID,
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: srSeries,
        ReferencedSOPSequence: [{ ReferencedSOPClassUID: COMPREHENSIVE_3D_SR_STORAGE, ReferencedSOPInstanceUID: predecessor }],
      },
    ],
  },
];
