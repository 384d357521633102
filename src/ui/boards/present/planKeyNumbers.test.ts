import { describe, expect, it } from 'vitest';
import { planDocumentSchema, type PlanDocument } from '../../../records';
import { planKeyNumbers } from './planKeyNumbers';

const FOR = '1.2.3.4';
const metrics = (structures: { id: string; label: string; d: number; warning?: boolean }[]) => ({
  depthMm: 80, needleMarginMm: 20, craniocaudalAngleDeg: 0, craniocaudalDirection: 'none', axialAngleDeg: 10, axialDirection: 'left', inPlane: true,
  tableVerticalAngleDeg: null, tableVerticalDirection: null, path: null, transpedicular: null, warnings: [],
  structures: structures.map((s) => ({ structureId: s.id, label: s.label, distanceMm: s.d, closestOnAxis: [0, 0, 0], closestOnStructure: [0, 0, 0], safetyDistanceMm: 5, lengthInsideMm: 0, warning: s.warning ?? false })),
});
const needle = (id: string, deviceId: string, m: ReturnType<typeof metrics> | null, label = '') => ({ id, label, deviceId, entry: [0, 0, 0], target: [0, 0, 10], frameOfReferenceUID: FOR, metrics: m });
const plan = (content: Record<string, unknown>): PlanDocument =>
  planDocumentSchema.parse({
    id: '22222222-2222-4222-8222-222222222222', caseId: '11111111-1111-4111-8111-111111111111', version: 4, schemaVersion: 1,
    createdAt: '2031-01-01T00:00:00.000Z', createdBy: 'a', updatedAt: '2031-01-01T00:00:00.000Z', updatedBy: 'a', archivedAt: null, archivedBy: null,
    title: 'Iliac plan', status: 'approved', seriesInstanceUID: '1.2.3', frameOfReferenceUID: FOR, content,
  });

describe('the plan key numbers on the card', () => {
  it('counts devices by name, takes coverage and margins from the stored zone metrics, and the closest structure over all needles', () => {
    const p = plan({
      lesions: [{ id: 'L1', label: 'Iliac lesion' }, { id: 'L2', label: 'Acetabulum' }],
      trajectories: [
        needle('n1', 'generic-cryoprobe-13g', metrics([{ id: 's1', label: 'Sciatic nerve: keep 10 mm', d: 14.2 }, { id: 's2', label: 'Bladder', d: 30 }])),
        needle('n2', 'generic-cryoprobe-13g', metrics([{ id: 's1', label: 'Sciatic nerve: keep 10 mm', d: 8.5, warning: true }]), 'Probe B'),
        needle('n3', 'bone-access-11g-100', metrics([{ id: 's2', label: 'Bladder', d: 12 }])),
      ],
      zoneMetrics: {
        model: 'cluster-hull', clusters: [], structures: [],
        lesions: [
          { lesionId: 'L1', lesionVolumeMl: 40, coveredVolumeMl: 39, coveragePercent: 97.5, minMarginMm: 3.2, marginCapped: false },
          { lesionId: 'L2', lesionVolumeMl: 10, coveredVolumeMl: 9, coveragePercent: 90, minMarginMm: -1.5, marginCapped: false },
        ],
      },
    });
    const k = planKeyNumbers(p);
    if ('error' in k) throw new Error(k.error);
    expect(k.devices).toEqual([{ name: 'Generic cryoprobe 13 G (2.4 mm)', count: 2 }, { name: 'Bone access needle 11 G × 100 mm', count: 1 }]);
    expect(k.needles).toBe(3);
    expect(k.lesions.map((l) => [l.label, l.coveragePercent, l.minMarginMm])).toEqual([['Iliac lesion', 97.5, 3.2], ['Acetabulum', 90, -1.5]]);
    expect(k.minMarginMm).toBe(-1.5);
    expect(k.closest).toEqual({ label: 'Sciatic nerve', distanceMm: 8.5, warning: true, needle: 'Probe B' });
    expect(k.notes).toEqual([]);
    expect([k.title, k.version, k.status]).toEqual(['Iliac plan', 4, 'approved']);
  });

  it('says why numbers are missing: no zone metrics, needles without metrics, no structure', () => {
    const k = planKeyNumbers(plan({ trajectories: [needle('n1', 'bone-access-11g-100', null)] }));
    if ('error' in k) throw new Error(k.error);
    expect(k.minMarginMm).toBeNull();
    expect(k.closest).toBeNull();
    expect(k.notes).toEqual(['no zone metrics stored (no ablation zone, or not computed on save)', 'some needles have no stored metrics']);
  });

  it('a content that does not read as a plan gives an error, not a throw', () => {
    expect(planKeyNumbers(plan({ trajectories: 'not a list' }))).toEqual({ error: 'plan v4: its content does not read as a plan' });
  });
});
