import { describe, expect, it } from 'vitest';
import { deidentifiedUid, uidMapperFor } from '../../interop/deidentify/uidMap';
import { planContentSchema } from '../../records';
import { movePlan } from './teachingPlans';

describe('movePlan', () => {
  it('maps every UID the package replaced, keeps and reports the others, shifts dates', () => {
    const plan = planContentSchema.parse({
      title: 'T12 ablation',
      studyInstanceUID: '1.2.3.1',
      seriesInstanceUID: '1.2.3.2',
      frameOfReferenceUID: '1.2.3.3',
      status: 'approved',
      approvedBy: 'att',
      approvedAt: '2026-03-01T10:00:00.000Z',
      content: { needles: [{ id: 'n1', depthMm: 12.5, ref: { sop: '1.2.3.4' } }], other: '9.9.9.9', cls: '1.2.840.10008.5.1.4.1.1.2', version: '1.5' },
    });
    const { plan: moved, unmapped } = movePlan(plan, new Set(['1.2.3.1', '1.2.3.2', '1.2.3.3', '1.2.3.4']), uidMapperFor('salt'), -40);
    expect(moved.studyInstanceUID).toBe(deidentifiedUid('salt', '1.2.3.1'));
    expect(moved.seriesInstanceUID).toBe(deidentifiedUid('salt', '1.2.3.2'));
    expect(moved.frameOfReferenceUID).toBe(deidentifiedUid('salt', '1.2.3.3'));
    expect(moved.content).toEqual({
      needles: [{ id: 'n1', depthMm: 12.5, ref: { sop: deidentifiedUid('salt', '1.2.3.4') } }],
      other: '9.9.9.9',
      cls: '1.2.840.10008.5.1.4.1.1.2',
      version: '1.5',
    });
    // 2026-03-01 − 40 days = 2026-01-20 (28 days of February, 31 of January).
    expect(moved.approvedAt).toBe('2026-01-20T10:00:00.000Z');
    expect(unmapped).toEqual(['content.other = 9.9.9.9']);
  });
});
