import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import type { StoredMask } from '../encoding/storedMask';
import { boxFromCorners, fullBox, type VoxelBox } from '../mask/voxelBox';
import { createMask, maskValue, type VoxelMask } from '../mask/voxelMask';
import { planLesionSchema, type PlanLesion } from '../records/planLesion';
import type { Trajectory } from '../trajectory/trajectorySchema';
import { IDENTITY_DIRECTION, type VolumeGeometry } from '../volume/volumeGeometry';
import type { PlanDraft, StructureDraft } from './planDraft';
import { contentFromDraft, draftFromContent, type PlanSeries } from './planContentIO';

const SERIES = '1.2.826.0.1.100';
const OTHER_SERIES = '1.2.826.0.1.200';
const FOR = '1.2.826.0.1.999';

const geometry: VolumeGeometry = { dimensions: [6, 5, 4], spacing: [1, 1, 2], origin: lps(-10, 20, 30), direction: IDENTITY_DIRECTION };
const series: PlanSeries = { seriesInstanceUID: SERIES, frameOfReferenceUID: FOR, geometry };
/** The grid of `geometry` as stored in a plan document. */
const storedGrid = { dimensions: [6, 5, 4], spacing: [1, 1, 2], origin: [-10, 20, 30], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };

type Ijk = readonly [number, number, number];

function maskWith(box: VoxelBox, voxels: readonly Ijk[]): VoxelMask {
  const m = createMask(geometry.dimensions, box);
  const [ox, oy, oz] = box.offset;
  const [sx, sy] = box.size;
  for (const [i, j, k] of voxels) m.data[((k - oz) * sy + (j - oy)) * sx + (i - ox)] = 1;
  return m;
}

/** The voxels set in a mask, over the whole grid, in i-fastest order. */
function voxelsOf(m: VoxelMask): Ijk[] {
  const out: Ijk[] = [];
  const [nx, ny, nz] = geometry.dimensions;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) if (maskValue(m, i, j, k)) out.push([i, j, k]);
  return out;
}

const sortIjk = (v: readonly Ijk[]) => [...v].sort((a, b) => a[2] - b[2] || a[1] - b[1] || a[0] - b[0]);

const lesionVoxels: Ijk[] = [[1, 1, 1], [2, 1, 1], [3, 3, 2]];
const canalVoxels: Ijk[] = [[2, 2, 0], [2, 2, 1], [2, 2, 2], [2, 2, 3]];
// The tube from voxel (1, 2, 1) to (4, 2, 1) with radius 1.2 mm on a 1 × 1 × 2 mm grid: the
// rows j = 1, 2, 3 of i = 1..4 on slice 1 (at most 1 mm from the axis), plus the end caps
// (0, 2, 1) and (5, 2, 1) at 1 mm from the end points; the slices k = 0, 2 are 2 mm away and
// the diagonal neighbours of the caps √2 mm.
const tubeVoxels: Ijk[] = [[0, 2, 1], [5, 2, 1]];
for (let i = 1; i <= 4; i++) for (let j = 1; j <= 3; j++) tubeVoxels.push([i, j, 1]);

const lesionRecord: PlanLesion = planLesionSchema.parse({ id: 'L1', label: 'T12 body', type: 'lytic', side: 'left', colour: '#112233' });

const trajectories: Trajectory[] = [
  {
    id: 'T1',
    label: 'Probe 1',
    deviceId: 'cryo-a',
    zoneSetId: 'z-10min',
    entry: [-30.5, 80, 32],
    target: [-8, 22, 32],
    frameOfReferenceUID: FOR,
    accessRoute: { approach: 'transpedicular', side: 'left' },
    lesionId: 'L1',
    metrics: null,
  },
  {
    id: 'T2',
    label: '',
    deviceId: 'needle-b',
    zoneSetId: null,
    entry: [0, 90, 30],
    target: [-7, 21, 34],
    frameOfReferenceUID: FOR,
    accessRoute: null,
    lesionId: null,
    metrics: null,
  },
];

function drawnDraft(): PlanDraft {
  const canal: StructureDraft = {
    record: { id: 'S1', kind: 'spinal-canal', name: 'Canal', colour: '#00ff00', safetyDistanceMm: 3 },
    shape: { kind: 'mask', stored: null },
    mask: maskWith(fullBox(geometry.dimensions), canalVoxels),
  };
  const root: StructureDraft = {
    record: { id: 'S2', kind: 'nerve-root', name: 'L1 root', colour: '#ffff00', safetyDistanceMm: 2 },
    shape: { kind: 'tube', pointsLps: [[-9, 22, 32], [-6, 22, 32]], radiusMm: 1.2, frameOfReferenceUID: FOR },
    mask: null,
  };
  return {
    lesions: [{ record: lesionRecord, mask: maskWith(boxFromCorners([1, 1, 1], [3, 3, 2]), lesionVoxels), stored: null }],
    structures: [canal, root],
    trajectories,
    extra: { reviewNote: 'check L1', futurePart: { version: 7, items: [1, 2, 3] } },
  };
}

function load(content: Record<string, unknown>, s: PlanSeries = series) {
  const r = draftFromContent(content, s);
  if (!r.ok) throw new Error(`unexpected failure: ${r.error.join('; ')}`);
  return r.value;
}

/**
 * A stored mask written by hand: the whole 6 × 5 × 4 grid as its box (not the tight box the
 * encoder would choose), voxels (1, 1, 1) and (2, 1, 1), i.e. flat indices 37 and 38 of 120:
 * runs 37 zeros, 2 ones, 81 zeros.
 */
const handStored = (over: Partial<StoredMask> = {}): StoredMask => ({
  encoding: 'rle-leb128-base64/v1',
  seriesInstanceUID: SERIES,
  frameOfReferenceUID: FOR,
  geometry: structuredClone(storedGrid) as StoredMask['geometry'],
  box: { offset: [0, 0, 0], size: [6, 5, 4] },
  voxelCount: 2,
  runs: Buffer.from([37, 2, 81]).toString('base64'),
  ...over,
});

const storedContent = (lesionMask: StoredMask, structureMask: StoredMask = handStored()) => ({
  lesionContentVersion: 1,
  lesions: [{ id: 'L1', label: 'T12 body', segmentation: lesionMask }],
  structuresAtRisk: [{ id: 'S1', kind: 'spinal-canal', name: 'Canal', colour: '#00ff00', safetyDistanceMm: 3, shape: { kind: 'mask', mask: structureMask } }],
  trajectoryContentVersion: 1,
  trajectories: [],
});

describe('contentFromDraft → JSON → draftFromContent', () => {
  const original = drawnDraft();
  const content = contentFromDraft(original, series);
  const json = JSON.parse(JSON.stringify(content)) as Record<string, unknown>;
  const { draft, notes } = load(json);

  it('writes the content versions and encodes drawn masks on their tight box', () => {
    expect(content.lesionContentVersion).toBe(1);
    expect(content.trajectoryContentVersion).toBe(1);
    const seg = (content.lesions as { segmentation: StoredMask }[])[0]!.segmentation;
    expect(seg).toMatchObject({
      encoding: 'rle-leb128-base64/v1',
      seriesInstanceUID: SERIES,
      frameOfReferenceUID: FOR,
      geometry: storedGrid,
      box: { offset: [1, 1, 1], size: [3, 3, 2] },
      voxelCount: 3,
    });
    const canal = (content.structuresAtRisk as { shape: { kind: string; mask: StoredMask } }[])[0]!.shape;
    expect(canal.kind).toBe('mask');
    expect(canal.mask).toMatchObject({ box: { offset: [2, 2, 0], size: [1, 1, 4] }, voxelCount: 4 });
  });

  it('loads without notes and gives back equal records', () => {
    expect(notes).toEqual([]);
    expect(draft.lesions).toHaveLength(1);
    const { segmentation, ...rest } = draft.lesions[0]!.record;
    const { segmentation: _unused, ...expected } = lesionRecord;
    expect(rest).toEqual(expected);
    // The record's segmentation is the stored form, kept as the draft's `stored`.
    expect(segmentation).not.toBeNull();
    expect(draft.lesions[0]!.stored).toBe(segmentation);
    expect(draft.structures.map((s) => s.record)).toEqual(original.structures.map((s) => s.record));
    expect(draft.structures[1]!.shape).toEqual(original.structures[1]!.shape);
    expect(draft.trajectories).toEqual(trajectories);
  });

  it('gives back masks with identical voxels', () => {
    expect(draft.lesions[0]!.mask!.dimensions).toEqual([6, 5, 4]);
    expect(voxelsOf(draft.lesions[0]!.mask!)).toEqual(sortIjk(lesionVoxels));
    expect(voxelsOf(draft.structures[0]!.mask!)).toEqual(sortIjk(canalVoxels));
  });

  it('re-rasterises tubes on the loaded grid', () => {
    expect(voxelsOf(draft.structures[1]!.mask!)).toEqual(sortIjk(tubeVoxels));
  });

  it('passes keys it does not own through, both ways', () => {
    expect(json.reviewNote).toBe('check L1');
    expect(json.futurePart).toEqual({ version: 7, items: [1, 2, 3] });
    expect(draft.extra).toEqual({ reviewNote: 'check L1', futurePart: { version: 7, items: [1, 2, 3] } });
  });

  it('saves the reloaded draft to the same content', () => {
    expect(JSON.parse(JSON.stringify(contentFromDraft(draft, series)))).toEqual(json);
  });
});

describe('unknown content keys', () => {
  it('are kept in extra as the very values loaded and saved back untouched', () => {
    const future = { zones: [{ id: 'z', points: [[1, 2, 3]] }] };
    const content = { ...storedContent(handStored()), futurePart: future, note: 'hello' };
    const { draft } = load(content);
    expect(Object.keys(draft.extra).sort()).toEqual(['futurePart', 'note']);
    expect(draft.extra.futurePart).toBe(future);
    const saved = contentFromDraft(draft, series);
    expect(saved.futurePart).toBe(future);
    expect(saved.note).toBe('hello');
  });
});

describe('a loaded mask that did not change', () => {
  it('is shown, and saved byte for byte as loaded (same runs, same object)', () => {
    const stored = handStored();
    const { draft, notes } = load(storedContent(stored));
    expect(notes).toEqual([]);
    expect(voxelsOf(draft.lesions[0]!.mask!)).toEqual([[1, 1, 1], [2, 1, 1]]);
    expect(voxelsOf(draft.structures[0]!.mask!)).toEqual([[1, 1, 1], [2, 1, 1]]);
    const saved = contentFromDraft(draft, series);
    const seg = (saved.lesions as { segmentation: StoredMask }[])[0]!.segmentation;
    expect(seg).toBe(draft.lesions[0]!.stored);
    expect(seg).toEqual(stored);
    // Re-encoding would have cropped to the tight box and written other runs.
    expect(seg.runs).toBe(stored.runs);
    expect(seg.box).toEqual({ offset: [0, 0, 0], size: [6, 5, 4] });
    const shape = (saved.structuresAtRisk as { shape: { mask: StoredMask } }[])[0]!.shape;
    expect(shape.mask).toBe((draft.structures[0]!.shape as { stored: StoredMask }).stored);
    expect(shape.mask).toEqual(handStored());
  });
});

describe('a loaded mask that does not fit the loaded series', () => {
  it('from another series: not shown, noted by lesion label, saved back exactly', () => {
    const stored = handStored({ seriesInstanceUID: OTHER_SERIES });
    const { draft, notes } = load(storedContent(stored));
    expect(draft.lesions[0]!.mask).toBeNull();
    expect(draft.structures[0]!.mask).not.toBeNull();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('lesion T12 body');
    expect(notes[0]).toContain(OTHER_SERIES);
    const saved = contentFromDraft(draft, series);
    expect((saved.lesions as { segmentation: unknown }[])[0]!.segmentation).toEqual(stored);
  });

  it('on a grid of other dimensions: not shown, noted by lesion id when it has no label, saved back exactly', () => {
    const stored = handStored({ geometry: { ...structuredClone(storedGrid), dimensions: [6, 5, 5] } as StoredMask['geometry'] });
    const content = storedContent(stored);
    content.lesions[0]!.label = '';
    const { draft, notes } = load(content);
    expect(draft.lesions[0]!.mask).toBeNull();
    expect(draft.lesions[0]!.stored).toEqual(stored);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('lesion L1');
    expect(notes[0]).toContain('dimensions differ');
    const saved = contentFromDraft(draft, series);
    expect((saved.lesions as { segmentation: unknown }[])[0]!.segmentation).toEqual(stored);
  });

  it('for a structure: not shown, noted by structure name, saved back exactly', () => {
    const stored = handStored({ seriesInstanceUID: OTHER_SERIES });
    const { draft, notes } = load(storedContent(handStored(), stored));
    expect(draft.structures[0]!.mask).toBeNull();
    expect(notes).toEqual([expect.stringContaining('structure Canal')]);
    const saved = contentFromDraft(draft, series);
    expect((saved.structuresAtRisk as { shape: unknown }[])[0]!.shape).toEqual({ kind: 'mask', mask: stored });
  });

  it('whose runs do not add up to its voxel count: not shown, noted, saved back exactly', () => {
    const stored = handStored({ voxelCount: 3 });
    const { draft, notes } = load(storedContent(stored));
    expect(draft.lesions[0]!.mask).toBeNull();
    expect(notes).toEqual([expect.stringContaining('lesion T12 body: voxelCount')]);
    const saved = contentFromDraft(draft, series);
    expect((saved.lesions as { segmentation: unknown }[])[0]!.segmentation).toEqual(stored);
  });

  it('a tube in another frame of reference is not rasterised, and is saved back as it was', () => {
    const other = '1.2.826.0.1.888';
    const tubeShape = { kind: 'tube', pointsLps: [[-9, 22, 32], [-6, 22, 32]], radiusMm: 1.2, frameOfReferenceUID: other };
    const content = { structuresAtRisk: [{ id: 'S9', kind: 'nerve-root', name: 'Root', colour: '#ffff00', safetyDistanceMm: 2, shape: tubeShape }] };
    const { draft } = load(content);
    expect(draft.structures[0]!.mask).toBeNull();
    const saved = contentFromDraft(draft, series);
    expect((saved.structuresAtRisk as { shape: unknown }[])[0]!.shape).toEqual(tubeShape);
  });

  it('with no grid loaded: masks kept, not shown, and saved back exactly', () => {
    const stored = handStored();
    const noGrid: PlanSeries = { ...series, geometry: null };
    const { draft } = load(storedContent(stored), noGrid);
    expect(draft.lesions[0]!.mask).toBeNull();
    expect(draft.structures[0]!.mask).toBeNull();
    const saved = contentFromDraft(draft, noGrid);
    expect((saved.lesions as { segmentation: unknown }[])[0]!.segmentation).toEqual(stored);
    expect((saved.structuresAtRisk as { shape: unknown }[])[0]!.shape).toEqual({ kind: 'mask', mask: stored });
  });
});

describe('invalid content', () => {
  it('a lesion without an id fails naming content.lesions[0].id', () => {
    const r = draftFromContent({ lesions: [{ label: 'no id' }] }, series);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.some((m) => m.startsWith('content.lesions[0].id:'))).toBe(true);
    expect(r.error.every((m) => m.startsWith('content.'))).toBe(true);
  });

  it('a trajectory with a 2-element entry fails naming content.trajectories[1].entry', () => {
    const bad = { ...trajectories[1]!, entry: [1, 2] };
    const r = draftFromContent({ trajectories: [trajectories[0], bad] }, series);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.some((m) => m.startsWith('content.trajectories[1].entry'))).toBe(true);
    expect(r.error.every((m) => m.startsWith('content.'))).toBe(true);
  });

  it('a structure with a bad mask field fails naming the nested path', () => {
    const content = storedContent(handStored(), handStored({ voxelCount: -1 }));
    const r = draftFromContent(content, series);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.some((m) => m.startsWith('content.structuresAtRisk[0].shape.mask.voxelCount'))).toBe(true);
  });
});

describe('content of a plan without lesion or trajectory keys', () => {
  it('loads as an empty draft', () => {
    const { draft, notes } = load({});
    expect(draft).toEqual({ lesions: [], structures: [], trajectories: [], extra: {} });
    expect(notes).toEqual([]);
  });

  it('keeps its other keys', () => {
    const { draft } = load({ caseNote: 'x' });
    expect(draft).toEqual({ lesions: [], structures: [], trajectories: [], extra: { caseNote: 'x' } });
  });
});
