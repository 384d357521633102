import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { readInstanceHeader } from '../../dicom/readInstanceHeader';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { decodeMask } from '../../planning/encoding/encodeMask';
import type { VoxelMask } from '../../planning/mask/voxelMask';
import { lesionContentSchema } from '../../planning/records/lesionContent';
import { rasterizeTube } from '../../planning/structures/rasterizeTube';
import { trajectoryContentSchema } from '../../planning/trajectory/trajectoryContent';
import { indexToWorld, worldToIndex } from '../../planning/volume/indexWorld';
import { buildCompositeZone, compositeContains } from '../../planning/zones/compositeZone';
import { patientStudyOf } from '../../server/interop/patientStudy';
import type { PlanDocument } from '../../records';
import { lps, voxel } from '../../shared/vec3';
import { dcentvfy, dciodvfy, pydicom } from '../../../tests/support/dicomValidate';
import { ctGridOf } from '../ctGrid';
import { decodePart10 } from '../part10';
import { planDicomUids } from '../planUids';
import { ablationProbes } from './lethalZoneMask';
import { shortValue } from './dicomText';
import { LETHAL_ZONE_ITEM_ID, LETHAL_ZONE_LABEL } from './planSegments';
import { SEG_DECODE_PY } from './segDecodePy';
import { writePlanSeg } from './writePlanSeg';

// The check shared by the SEG tests on the demo plans (demoPlanSeg.test.ts) and on the real CT
// (demoPlanSegReal.test.ts); two files so that only the second runs again with ../shared hidden.

/** The voxels of a mask as "i,j,k" strings. */
function voxelsOf(m: VoxelMask): string[] {
  const [ox, oy, oz] = m.box.offset;
  const [sx, sy, sz] = m.box.size;
  const list: string[] = [];
  for (let z = 0, p = 0; z < sz; z++) for (let y = 0; y < sy; y++) for (let x = 0; x < sx; x++, p++) if (m.data[p]) list.push(`${ox + x},${oy + y},${oz + z}`);
  return list.sort();
}

/** The device catalogue the demo plans and the fixtures use. */
export const catalogue = defaultCatalogue();

/**
 * Writes the SEG of a stored plan on the CT `files` and checks it: dciodvfy reports no error,
 * dcentvfy finds CT and SEG consistent, and pydicom finds, segment by segment, the voxels the
 * plan stores (masks decoded, tubes rasterised by the planning rule, the lethal zone point by
 * point with the zone's own containment test). For the SEG tests (demoPlanSeg*.test.ts).
 */
export async function verifySeg(name: string, plan: PlanDocument, files: readonly string[]): Promise<void> {
  const out = await mkdtemp(path.join(tmpdir(), 'percuplan-demo-seg-'));
  try {
    await checkSeg(out, name, plan, files);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function checkSeg(out: string, name: string, plan: PlanDocument, files: readonly string[]): Promise<void> {
  const headers = await Promise.all(files.map(async (f) => readInstanceHeader(new Uint8Array(await readFile(f)), true)));
  const first = decodePart10(new Uint8Array(await readFile(files[0]!)), files[0]!);
  if (!first.ok) throw new Error(first.error);
  const patientStudy = patientStudyOf(first.value.dataset);

  const lesions = lesionContentSchema.parse(plan.content);
  const { trajectories } = trajectoryContentSchema.parse(plan.content);
  const ids = [...lesions.lesions, ...lesions.structuresAtRisk, ...trajectories].map((x) => x.id);
  const r = writePlanSeg({ plan, ct: { slices: headers, patientStudy }, catalogue, uids: await planDicomUids(plan.id, plan.version, ids), softwareVersion: 'test' });
  if (!r.ok) throw new Error(r.error.join('\n'));
  expect(r.value).not.toBeNull();
  const seg = r.value!;
  const file = path.join(out, `${name}.dcm`);
  await writeFile(file, seg.object.bytes);

  const iod = await dciodvfy(file);
  expect(iod.errors, iod.output).toEqual([]);
  const ent = await dcentvfy([...files, file]);
  expect(ent.errors, ent.output).toEqual([]);

  const decoded = JSON.parse(await pydicom(SEG_DECODE_PY, [file, ...files])) as {
    problems: string[];
    segments: { number: number; label: string }[];
    bySegment: Record<string, number[][]>;
  };
  expect(decoded.problems).toEqual([]);
  // Labels may repeat in a plan: find each item's segment by number, and check its label.
  const found = (itemId: string, label: string): string[] => {
    const number = seg.segments.find((s) => s.itemId === itemId)?.segmentNumber;
    expect(decoded.segments.find((s) => s.number === number)?.label).toBe(shortValue(label));
    return (decoded.bySegment[String(number)] ?? []).map((v) => v.join(',')).sort();
  };

  // What the plan stores, decoded here from the stored masks and tubes, not from the SEG writer.
  const grid = ctGridOf(headers);
  if (!grid.ok) throw new Error(grid.error);
  const g = grid.value.geometry;
  let expectedSegments = 0;
  for (const l of lesions.lesions) {
    if (!l.segmentation) continue;
    expectedSegments++;
    const m = decodeMask(l.segmentation);
    if (!m.ok) throw new Error(m.error);
    expect(found(l.id, l.label || l.id), l.label).toEqual(voxelsOf(m.value));
  }
  for (const s of lesions.structuresAtRisk) {
    expectedSegments++;
    const m = s.shape.kind === 'mask' ? decodeMask(s.shape.mask) : { ok: true as const, value: rasterizeTube(g, s.shape.pointsLps.map((p) => lps(...p)), s.shape.radiusMm) };
    if (!m.ok) throw new Error(m.error);
    expect(found(s.id, s.name), s.name).toEqual(voxelsOf(m.value));
  }
  // The zone, point by point over its bounds with the zone's own containment test.
  const probes = ablationProbes(trajectories, catalogue);
  if (probes.length > 0) {
    expectedSegments++;
    const zone = buildCompositeZone(probes, 'lethal');
    const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
    for (let c = 0; c < 8; c++) {
      const f = worldToIndex(g, lps(c & 1 ? zone.max[0]! : zone.min[0]!, c & 2 ? zone.max[1]! : zone.min[1]!, c & 4 ? zone.max[2]! : zone.min[2]!));
      for (let a = 0; a < 3; a++) {
        lo[a] = Math.max(0, Math.min(lo[a]!, Math.floor(f[a]!)));
        hi[a] = Math.min(g.dimensions[a]! - 1, Math.max(hi[a]!, Math.ceil(f[a]!)));
      }
    }
    const expected: string[] = [];
    for (let k = lo[2]!; k <= hi[2]!; k++) for (let j = lo[1]!; j <= hi[1]!; j++) for (let i = lo[0]!; i <= hi[0]!; i++) {
      const p = indexToWorld(g, voxel(i, j, k));
      if (compositeContains(zone, p[0], p[1], p[2])) expected.push(`${i},${j},${k}`);
    }
    expect(expected.length).toBeGreaterThan(0);
    expect(found(LETHAL_ZONE_ITEM_ID, LETHAL_ZONE_LABEL)).toEqual(expected.sort());
  }
  expect(seg.segments).toHaveLength(expectedSegments);
}
