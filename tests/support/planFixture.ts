import { defaultCatalogue } from '../../src/planning/devices/defaultCatalogue';
import type { PlanExportInput } from '../../src/interop/exportTypes';
import { planDicomUids } from '../../src/interop/planUids';
import { encodeMask } from '../../src/planning/encoding/encodeMask';
import { createMask } from '../../src/planning/mask/voxelMask';
import { STRUCTURE_DEFAULTS } from '../../src/planning/records/structureDefaults';
import type { StructureKind } from '../../src/planning/records/structureAtRisk';
import { planDocumentSchema, type PlanContent, type PlanDocument } from '../../src/records';
import { processPlanContent } from '../../src/server/planning/processPlanContent';
import { readSeriesVolume } from '../../src/server/planning/readSeriesVolume';
import type { SeriesVolume } from '../../src/server/planning/seriesVolumes';
import type { CtFixture } from './ctFixture';

/** Devices of the shipped catalogue (src/planning/devices/catalogue.json) the fixtures use. */
export const FIXTURE_DEVICES = {
  cryoprobe: 'generic-cryoprobe-13g',
  microwave: 'generic-mwa-antenna-13g',
  boneAccess: 'bone-access-11g-100',
} as const;

/** A voxel [i column, j row, k grid slice] of the CT fixture's grid. */
export type FixtureVoxel = readonly [number, number, number];
type Lps = readonly [number, number, number];

/** Options of {@link fixturePlan}. */
export interface PlanFixtureOptions {
  /** A UUID (default a fixed one). */
  readonly id?: string;
  readonly version?: number;
  readonly title?: string;
  /** Written as updatedBy / createdBy (default 'Dr Test'). */
  readonly author?: string;
  /** ISO time of the save (default 2026-03-14T09:30:15.250Z). */
  readonly updatedAt?: string;
  /** `grown`: the mask came from region growing (grow provenance recorded), else drawn by hand. */
  readonly lesions?: readonly { id: string; label: string; colour?: string; grown?: boolean; voxels: readonly FixtureVoxel[] }[];
  readonly structures?: readonly {
    id: string;
    kind: StructureKind;
    name: string;
    colour?: string;
    safetyDistanceMm?: number;
    voxels?: readonly FixtureVoxel[];
    tube?: { pointsLps: readonly Lps[]; radiusMm: number };
  }[];
  readonly trajectories?: readonly { id: string; label?: string; deviceId: string; entry: Lps; target: Lps; lesionId?: string; zoneSetId?: string }[];
}

/** The stored mask of a list of voxels on the fixture's grid, encoded by the plan's own encoder. */
export function fixtureMask(ct: CtFixture, voxels: readonly FixtureVoxel[]) {
  const g = ct.grid.geometry;
  const [nx, ny, nz] = g.dimensions;
  const lo = [nx, ny, nz];
  const hi = [-1, -1, -1];
  for (const v of voxels) {
    for (let a = 0; a < 3; a++) {
      if (!Number.isInteger(v[a]) || v[a]! < 0 || v[a]! >= g.dimensions[a]!) throw new Error(`fixtureMask: voxel ${v.join(',')} is outside the ${nx}×${ny}×${nz} grid`);
      lo[a] = Math.min(lo[a]!, v[a]!);
      hi[a] = Math.max(hi[a]!, v[a]!);
    }
  }
  const box = voxels.length === 0 ? undefined : { offset: [lo[0]!, lo[1]!, lo[2]!] as const, size: [hi[0]! - lo[0]! + 1, hi[1]! - lo[1]! + 1, hi[2]! - lo[2]! + 1] as const };
  const mask = createMask(g.dimensions, box);
  if (box) {
    const [ox, oy, oz] = box.offset;
    const [sx, sy] = box.size;
    for (const [i, j, k] of voxels) mask.data[((k - oz) * sy + (j - oy)) * sx + (i - ox)] = 1;
  }
  return encodeMask(mask, g, { seriesInstanceUID: ct.seriesInstanceUID, frameOfReferenceUID: ct.frameOfReferenceUID });
}

/**
 * A stored-looking plan document on a CT fixture (envelope filled as the server would), whose
 * content went through the server's own recomputation ({@link processPlanContent} with the
 * fixture's volume read by readSeriesVolume and the shipped catalogue), so measurements,
 * trajectory metrics and zone metrics are present as after a real save. Throws, listing the
 * issues, when the server would refuse the content.
 */
export async function fixturePlan(ct: CtFixture, opts: PlanFixtureOptions = {}): Promise<PlanDocument> {
  const lesions = (opts.lesions ?? []).map((l) => ({
    id: l.id,
    label: l.label,
    site: null,
    side: null,
    type: 'lytic' as const,
    flags: { pathologicalFracture: false, corticalBreach: false, softTissueExtension: false, posteriorVertebralWallInvolvement: false, vertebralBodyCollapsePercent: null },
    colour: l.colour ?? '#e8590c',
    segmentation: fixtureMask(ct, l.voxels),
    measurements: null,
    grow: l.grown
      ? { seedLps: [0, 0, 0] as [number, number, number], huRange: [-200, 300] as [number, number], maxVolumeMl: 50, maxDistanceMm: 40, leaked: false, editedAfterGrow: false }
      : null,
  }));
  const structuresAtRisk = (opts.structures ?? []).map((s) => {
    const d = STRUCTURE_DEFAULTS[s.kind];
    const shape = s.tube
      ? { kind: 'tube' as const, frameOfReferenceUID: ct.frameOfReferenceUID, pointsLps: s.tube.pointsLps.map((p) => [p[0], p[1], p[2]]), radiusMm: s.tube.radiusMm }
      : { kind: 'mask' as const, mask: fixtureMask(ct, s.voxels ?? []) };
    return { id: s.id, kind: s.kind, name: s.name, colour: s.colour ?? d.colour, safetyDistanceMm: s.safetyDistanceMm ?? d.safetyDistanceMm, shape };
  });
  const trajectories = (opts.trajectories ?? []).map((t) => ({
    id: t.id,
    label: t.label ?? '',
    deviceId: t.deviceId,
    zoneSetId: t.zoneSetId ?? null,
    entry: [t.entry[0], t.entry[1], t.entry[2]],
    target: [t.target[0], t.target[1], t.target[2]],
    frameOfReferenceUID: ct.frameOfReferenceUID,
    accessRoute: null,
    lesionId: t.lesionId ?? null,
    metrics: null,
  }));
  const content: Record<string, unknown> = {
    lesionContentVersion: 1,
    lesions,
    structuresAtRisk,
    ...(trajectories.length > 0 ? { trajectoryContentVersion: 1, trajectories } : {}),
  };

  let volume: Promise<SeriesVolume | undefined> | undefined;
  return storedPlan(
    {
      title: opts.title ?? 'Fixture plan',
      studyInstanceUID: ct.studyInstanceUID,
      seriesInstanceUID: ct.seriesInstanceUID,
      frameOfReferenceUID: ct.frameOfReferenceUID,
      status: 'draft',
      approvedBy: null,
      approvedAt: null,
      content,
    },
    () => {
      volume ??= readSeriesVolume(ct.files).then((r) => {
        if (!r.ok) throw new Error(`fixturePlan: the CT fixture is not readable as a volume: ${r.error}`);
        return { volume: r.value, patientPosition: 'HFS' };
      });
      return volume;
    },
    opts,
  );
}

/**
 * A plan's content as the server stores it: recomputed by {@link processPlanContent} (the CT
 * from `volume`, asked for only for the plan's own series; the shipped catalogue) and wrapped in
 * the envelope a save gives it. Throws, listing the issues, when the server would refuse it.
 */
export async function storedPlan(
  plan: PlanContent,
  volume: () => Promise<SeriesVolume | undefined>,
  opts: Pick<PlanFixtureOptions, 'id' | 'version' | 'author' | 'updatedAt'> = {},
): Promise<PlanDocument> {
  const processed = await processPlanContent(plan, {
    catalogue: defaultCatalogue(),
    volumeFor: (uid) => (uid === plan.seriesInstanceUID ? volume() : Promise.resolve(undefined)),
  });
  if (!processed.ok) throw new Error(`fixturePlan: the server would refuse this plan:\n${processed.error.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  const author = opts.author ?? 'Dr Test';
  const at = opts.updatedAt ?? '2026-03-14T09:30:15.250Z';
  return planDocumentSchema.parse({
    ...processed.value,
    id: opts.id ?? '3f1c2a9e-6b7d-4e21-9c8a-5d4e3f2a1b0c',
    version: opts.version ?? 1,
    schemaVersion: 1,
    createdAt: '2026-03-14T08:00:00.000Z',
    createdBy: author,
    updatedAt: at,
    updatedBy: author,
    archivedAt: null,
    archivedBy: null,
    caseId: '7d3c8f7e-2f0a-4c9e-9d61-0c1b2a3d4e5f',
  });
}

/**
 * What the exporters take for `plan` on the fixture CT: the shipped catalogue, the UIDs of the
 * plan version for `itemIds` (the plan's items, in any order), the CT's slices (`slices`, for a
 * test that hands over a subset or another order) and patient/study attributes.
 */
export async function exportInputFor(
  ct: CtFixture,
  plan: PlanDocument,
  itemIds: readonly string[],
  opts: { readonly softwareVersion?: string; readonly slices?: CtFixture['headers'] } = {},
): Promise<PlanExportInput> {
  return {
    plan,
    ct: { slices: opts.slices ?? ct.headers, patientStudy: ct.patientStudy },
    catalogue: defaultCatalogue(),
    uids: await planDicomUids(plan.id, plan.version, itemIds),
    softwareVersion: opts.softwareVersion ?? '0.1.0-test',
  };
}
