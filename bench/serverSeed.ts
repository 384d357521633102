/**
 * The records the server rows of the bench seed (issue 17): `n` cases, each with one plan whose
 * content carries encoded masks as a real plan does (a lesion segmented as a ball, an artery as a
 * tube through many slices), written in one import transaction through the product's repository.
 */
import { randomUUID } from 'node:crypto';
import { caseDocumentSchema, planDocumentSchema } from '../src/records';
import { encodeMask } from '../src/planning/encoding/encodeMask';
import { createMask } from '../src/planning/mask/voxelMask';
import type { VolumeGeometry } from '../src/planning/volume/volumeGeometry';
import { lps } from '../src/shared/vec3';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type RecordsExport, type VersionRow } from '../src/server/records/recordsExport';

/** The series the seeded cases link to and their plans are drawn on. */
export interface SeedSeries {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  frameOfReferenceUID: string;
}

const GEOMETRY: VolumeGeometry = {
  dimensions: [512, 512, 300],
  spacing: [0.78, 0.78, 1.25],
  origin: lps(-200, -200, -180),
  direction: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
};

/** A ball of radius `r` voxels centred at `c`, or a tube of radius `r` along k from c[2] to k1. */
function drawMask(series: SeedSeries, kind: 'ball' | 'tube', c: readonly [number, number, number], r: number, k1 = 0) {
  const lo: [number, number, number] = [c[0] - r, c[1] - r, kind === 'ball' ? c[2] - r : c[2]];
  const size: [number, number, number] = [2 * r + 1, 2 * r + 1, kind === 'ball' ? 2 * r + 1 : k1 - c[2] + 1];
  const mask = createMask(GEOMETRY.dimensions, { offset: lo, size });
  for (let k = 0; k < size[2]; k++) {
    for (let j = 0; j < size[1]; j++) {
      for (let i = 0; i < size[0]; i++) {
        const [x, y, z] = [i - r, j - r, kind === 'ball' ? k - r : 0];
        // A slight wobble per slice, so the runs are not all alike (a drawn mask is irregular).
        if (x * x + y * y + z * z <= r * r + ((k * 7 + j) % 5)) mask.data[(k * size[1] + j) * size[0] + i] = 1;
      }
    }
  }
  return encodeMask(mask, GEOMETRY, series);
}

// Drawing a mask costs milliseconds: each distinct one is drawn once and shared by the plans that use it.
const drawn = new Map<string, ReturnType<typeof drawMask>>();
function encodedMask(series: SeedSeries, kind: 'ball' | 'tube', c: readonly [number, number, number], r: number, k1 = 0) {
  const key = [series.seriesInstanceUID, kind, ...c, r, k1].join('|');
  let mask = drawn.get(key);
  if (!mask) drawn.set(key, (mask = drawMask(series, kind, c, r, k1)));
  return mask;
}

/** The content of a seeded plan: one segmented lesion, one artery at risk, one probe. */
function planContent(series: SeedSeries, n: number): Record<string, unknown> {
  const c: [number, number, number] = [200 + (n % 12), 240 + (n % 10), 120 + (n % 8)];
  return {
    lesionContentVersion: 1,
    lesions: [
      {
        id: 'L1',
        label: 'Lesion 1',
        site: null,
        side: null,
        type: 'lytic',
        flags: { pathologicalFracture: false, corticalBreach: false, softTissueExtension: false, posteriorVertebralWallInvolvement: false, vertebralBodyCollapsePercent: null },
        colour: '#e8590c',
        segmentation: encodedMask(series, 'ball', c, 14 + (n % 6)),
        measurements: null,
        grow: null,
      },
    ],
    structuresAtRisk: [
      { id: 'S1', kind: 'artery', name: 'Aorta', colour: '#e03131', safetyDistanceMm: 5, shape: { kind: 'mask', mask: encodedMask(series, 'tube', [260, 300, 20], 9, 280) } },
    ],
    trajectoryContentVersion: 1,
    trajectories: [
      { id: 'T1', label: 'Probe 1', deviceId: 'generic-cryoprobe-13g', zoneSetId: null, entry: [40, 60, -20], target: [10, 20, -30], frameOfReferenceUID: series.frameOfReferenceUID, accessRoute: null, lesionId: 'L1', metrics: null },
    ],
  };
}

const STATUSES = ['referred', 'board', 'accepted'] as const;

/** An export of `n` cases with one plan each (one version each), valid for the product's import. */
export function seedExport(n: number, series: SeedSeries): RecordsExport {
  const t0 = Date.parse('2026-01-05T08:00:00.000Z');
  const cases: RecordsExport['cases'] = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(t0 + i * 60_000).toISOString();
    const envelope = { version: 1, createdAt: at, createdBy: 'bench', updatedAt: at, updatedBy: 'bench', archivedAt: null, archivedBy: null };
    const caseDoc = caseDocumentSchema.parse({
      ...envelope,
      id: randomUUID(),
      schemaVersion: 2,
      status: STATUSES[i % STATUSES.length],
      title: `Bench case ${i + 1}`,
      patient: { pseudonym: `BENCH-${String(i + 1).padStart(4, '0')}`, sex: i % 2 ? 'female' : 'male', ageYears: 40 + (i % 45) },
      tumour: { primary: i % 3 ? 'breast' : 'lung-non-small-cell', histology: 'adenocarcinoma' },
      pain: { atRest: i % 7, onWeightBearing: (i % 5) + 4, maximalPainSite: 'Left acetabulum' },
      linkedStudies: [{ studyInstanceUID: series.studyInstanceUID, description: 'CT thorax-abdomen-pelvis' }],
      notes: 'Seeded by the bench.',
    }) as unknown as Record<string, unknown>;
    const id = caseDoc.id as string;
    const planDoc = planDocumentSchema.parse({
      ...envelope,
      id: randomUUID(),
      schemaVersion: 1,
      caseId: id,
      title: 'Cryoablation',
      studyInstanceUID: series.studyInstanceUID,
      seriesInstanceUID: series.seriesInstanceUID,
      frameOfReferenceUID: series.frameOfReferenceUID,
      status: 'draft',
      content: planContent(series, i),
    }) as unknown as Record<string, unknown>;
    const first = (document: Record<string, unknown>): VersionRow[] => [{ version: 1, action: 'create', at, by: 'bench', changes: { paths: [], truncated: false }, document }];
    cases.push({ id, versions: first(caseDoc), plans: [{ id: planDoc.id as string, versions: first(planDoc) }] });
  }
  return { format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION, exportedAt: new Date(t0).toISOString(), cases };
}
