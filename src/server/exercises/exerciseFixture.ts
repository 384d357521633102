// Test support (imported by the exercise suites only): a teaching case with a hand-made expert plan on a synthetic grid.
import { contentFromDraft } from '../../planning/plan/planContentIO';
import type { PlanDraft, StructureDraft } from '../../planning/plan/planDraft';
import { planLesionSchema } from '../../planning/records/planLesion';
import { axisGrid, sphereMask } from '../../planning/trajectory/syntheticGrids';
import type { Trajectory } from '../../planning/trajectory/trajectorySchema';
import type { VolumeGeometry } from '../../planning/volume/volumeGeometry';
import type { VoxelMask } from '../../planning/mask/voxelMask';
import type { BinaryVolume } from '../../planning/trajectory/gridGeometry';
import { caseContentSchema, planContentSchema, type TeachingCase } from '../../records';
import type { Actor } from '../auth/actor';
import type { NewTeachingCase, TeachingRepository } from '../teaching/teachingParts';

export const FIXTURE = {
  study: '2.25.4001',
  series: '2.25.4002',
  frameOfReference: '2.25.4003',
  title: 'T10 vertebra plana from metastatic prostate carcinoma',
  primaryDetail: 'Metastatic prostate carcinoma',
  histology: 'Acinar adenocarcinoma',
  sourceCaseId: '5e1f0000-0000-4000-8000-0000000000c3',
  expertNeedle: { id: 'expert-left-transpedicular', label: 'Left transpedicular 22 G' },
} as const;

const NEEDLE = 'spinal-needle-22g-150';
// 1 mm voxels centred on whole millimetres from −30 to 29 on each axis (LPS).
const geometry: VolumeGeometry = axisGrid([60, 60, 60], [1, 1, 1], [-30, -30, -30]);
const series = { seriesInstanceUID: FIXTURE.series, frameOfReferenceUID: FIXTURE.frameOfReference, geometry };
const asMask = (b: BinaryVolume): VoxelMask => ({ dimensions: geometry.dimensions, box: b.box, data: b.data });

/** A nerve: voxel centres within 3 mm of (10, 12, 0); its box face nearest x = 0 is at x = 6.5; safety distance 2 mm. */
const nerve: StructureDraft = {
  record: { id: 'nerve', kind: 'nerve-root', name: 'T10 root', colour: '#ffff00', safetyDistanceMm: 2 },
  shape: { kind: 'mask', stored: null },
  mask: asMask(sphereMask(geometry, [10, 12, 0], 3)),
};

/** A needle straight down the y axis (entry 25 mm posterior of the target at (dx, 0, 0)). */
export function straightNeedle(id: string, dx: number, label = id, deviceId = NEEDLE): Trajectory {
  return { id, label, deviceId, zoneSetId: null, entry: [dx, 25, 0], target: [dx, 0, 0], frameOfReferenceUID: FIXTURE.frameOfReference, accessRoute: null, lesionId: null, metrics: null };
}

/** Plan content on the fixture's grid. */
export function fixtureContent(parts: Partial<PlanDraft>): Record<string, unknown> {
  return contentFromDraft({ lesions: [], structures: [], trajectories: [], extra: {}, ...parts }, series);
}

/** The expert plan: the lesion (within 3 mm of (0, 12, 0)), the nerve, and one needle at x = 0. */
export function expertContent(withNeedle = true): Record<string, unknown> {
  const lesion = { record: planLesionSchema.parse({ id: 'L1', label: 'T10 body' }), mask: asMask(sphereMask(geometry, [0, 12, 0], 3)), stored: null };
  return fixtureContent({ lesions: [lesion], structures: [nerve], trajectories: withNeedle ? [straightNeedle(FIXTURE.expertNeedle.id, 0, FIXTURE.expertNeedle.label)] : [] });
}

/** A teaching case of "case 3" with the expert plan (and a plan without a needle, first). */
export function fixtureTeachingCase(options: { modality?: string; withNeedle?: boolean } = {}): NewTeachingCase {
  const plan = (title: string, content: Record<string, unknown>) =>
    planContentSchema.parse({ title, studyInstanceUID: FIXTURE.study, seriesInstanceUID: FIXTURE.series, frameOfReferenceUID: FIXTURE.frameOfReference, content });
  return {
    status: 'published',
    fields: { title: FIXTURE.title, presentation: 'Man, 81: central back pain 10/10', findings: 'Vertebra plana at T10.', discussion: 'Left unipedicular access.', learningPoints: ['Stay in the pedicle'], level: 'intermediate', tags: ['prostate'] },
    case: caseContentSchema.parse({
      title: FIXTURE.title,
      patient: { pseudonym: 'Teaching 3', sex: 'male', ageYears: 81 },
      tumour: { primary: 'prostate', primaryDetail: FIXTURE.primaryDetail, histology: FIXTURE.histology },
      followUps: [{ date: '2024-09-20', label: '2 weeks', notes: 'Pain 2/10.' }],
    }),
    plans: [
      { id: 'f0000000-0000-4000-8000-00000000000a', plan: plan('Lesion only', fixtureContent({})) },
      { id: 'f0000000-0000-4000-8000-00000000000b', plan: plan('Expert', expertContent(options.withNeedle ?? true)) },
    ],
    studies: [{ studyInstanceUID: FIXTURE.study, description: 'Spine CT', series: [{ seriesInstanceUID: FIXTURE.series, modality: options.modality ?? 'CT', description: 'Axial', frameOfReferenceUID: FIXTURE.frameOfReference, instances: 60 }] }],
    deidentification: { methods: [], files: 60, refused: [] },
    source: { caseId: FIXTURE.sourceCaseId, caseVersion: 1 },
    teachingPacs: null,
  };
}

/** The attending the fixture is made by. */
export const fixtureActor: Actor = { username: 'att', name: 'Att', roles: ['attending'], mode: 'accounts', sessionHash: null, address: '127.0.0.1', csrfToken: null };

/** Stores a fixture teaching case. */
export async function storeFixture(repo: TeachingRepository, options?: Parameters<typeof fixtureTeachingCase>[0]): Promise<TeachingCase> {
  return repo.create(fixtureTeachingCase(options), { salt: 'fixture-salt', dateShiftDays: -30 }, fixtureActor);
}
