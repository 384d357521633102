import type { StudyListing } from '../../../dicom/studyListing';
import type { LinkedStudy } from '../../../records/linkedStudy';
import type { LpsBox } from '../../../records/postProcedure';
import type { PlanDraft } from '../../../planning/plan/planDraft';
import type { VolumeGeometry } from '../../../planning/volume/volumeGeometry';
import { indexToWorld } from '../../../planning/volume/indexWorld';
import { isEmptyBox } from '../../../planning/mask/voxelBox';
import { paramsFromMatrix, type Matrix4 } from '../../../planning/postprocedure/rigid';
import { voxel, type Vec3 } from '../../../shared/vec3';

/** A series the post-procedure section offers to register. */
export interface CbctCandidate {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly label: string;
  /** Linked to the case as its post-procedure study (else: another CT series of the same patient). */
  readonly linked: boolean;
}

const seriesLabel = (study: StudyListing, s: StudyListing['series'][number], what: string): string =>
  `${what}${study.studyDate ? ` ${study.studyDate.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3')}` : ''} · Se ${s.seriesNumber ?? '?'}${s.seriesDescription ? ` ${s.seriesDescription}` : ''} (${s.imageCount} images)`;

/**
 * The CT series to choose from: those of the studies linked to the case as post-procedure
 * first, then any other CT series of the same patient the server lists. The planning series
 * itself is never offered.
 */
export function cbctCandidates(linked: readonly Pick<LinkedStudy, 'studyInstanceUID' | 'role' | 'description'>[], studies: readonly StudyListing[], planningSeriesUID: string, patientID: string | undefined): CbctCandidate[] {
  const out: CbctCandidate[] = [];
  const seen = new Set<string>([planningSeriesUID]);
  const add = (study: StudyListing, what: string, isLinked: boolean): void => {
    for (const s of study.series) {
      if (seen.has(s.seriesInstanceUID) || s.imageCount < 2 || (s.modality && s.modality !== 'CT')) continue;
      seen.add(s.seriesInstanceUID);
      out.push({ studyInstanceUID: study.studyInstanceUID, seriesInstanceUID: s.seriesInstanceUID, label: seriesLabel(study, s, what), linked: isLinked });
    }
  };
  for (const l of linked) {
    if (l.role !== 'post-procedure') continue;
    const study = studies.find((s) => s.studyInstanceUID === l.studyInstanceUID);
    if (study) add(study, l.description || study.studyDescription || 'Post-procedure study', true);
  }
  if (patientID) for (const study of studies) if (study.patientID === patientID) add(study, study.studyDescription || 'CT', false);
  return out;
}

/**
 * The registration region: the bounding box of the plan's lesion masks (voxel centres, in
 * planning LPS) grown by `marginMm` on every side; null when the plan has no lesion voxels.
 */
export function lesionRegion(draft: PlanDraft, geometry: VolumeGeometry, marginMm: number): LpsBox | null {
  const min = [Infinity, Infinity, Infinity], max = [-Infinity, -Infinity, -Infinity];
  for (const l of draft.lesions) {
    const m = l.mask;
    if (!m || isEmptyBox(m.box)) continue;
    const [ox, oy, oz] = m.box.offset, [sx, sy, sz] = m.box.size;
    for (const c of [0, 1, 2, 3, 4, 5, 6, 7]) {
      const p = indexToWorld(geometry, voxel(ox + (c & 1 ? sx - 1 : 0), oy + (c & 2 ? sy - 1 : 0), oz + (c & 4 ? sz - 1 : 0)));
      for (let a = 0; a < 3; a++) {
        min[a] = Math.min(min[a]!, p[a]!);
        max[a] = Math.max(max[a]!, p[a]!);
      }
    }
  }
  if (!Number.isFinite(min[0])) return null;
  return { minLps: [min[0]! - marginMm, min[1]! - marginMm, min[2]! - marginMm], maxLps: [max[0]! + marginMm, max[1]! + marginMm, max[2]! + marginMm] };
}

export const boxCentre = (b: LpsBox): Vec3 => [(b.minLps[0] + b.maxLps[0]) / 2, (b.minLps[1] + b.maxLps[1]) / 2, (b.minLps[2] + b.maxLps[2]) / 2];

const signed = (x: number, digits: number): string => `${x > 0 ? '+' : ''}${(Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x).toFixed(digits)}`;

/** The transform on screen as the numbers the panel shows: about the region centre, 2 decimals (a 0.5 mm nudge must show). */
export interface TransformNumbers {
  readonly rotationDeg: Vec3;
  readonly translationMm: Vec3;
  readonly rotation: string;
  readonly translation: string;
}

export function transformNumbers(m: Matrix4, region: LpsBox): TransformNumbers {
  const p = paramsFromMatrix(m, boxCentre(region));
  const [rx, ry, rz] = p.rotationDeg, [tx, ty, tz] = p.translationMm;
  return {
    rotationDeg: p.rotationDeg,
    translationMm: p.translationMm,
    rotation: `x ${signed(rx, 2)}°, y ${signed(ry, 2)}°, z ${signed(rz, 2)}°`,
    translation: `x ${signed(tx, 2)}, y ${signed(ty, 2)}, z ${signed(tz, 2)} mm (${Math.hypot(tx, ty, tz).toFixed(2)} mm in all)`,
  };
}

/** "Registering on the server … 12 s": the running step's text with whole seconds. */
export const elapsedText = (phase: string, ms: number): string => `${phase} … ${Math.max(0, Math.floor(ms / 1000))} s`;
