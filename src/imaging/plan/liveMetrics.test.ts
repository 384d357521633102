import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import type { PlanDraft } from '../../planning/plan/planDraft';
import type { Trajectory } from '../../planning/trajectory/trajectorySchema';
import { computeLiveMetrics, type LiveMetricsInputs } from './liveMetrics';

const FOR = '1.2.3.4';
const inputs: LiveMetricsInputs = { frameOfReferenceUID: FOR, catalogue: defaultCatalogue(), patientPosition: 'HFS', geometry: undefined, ct: undefined };
const needle = (frameOfReferenceUID: string): Trajectory => ({
  id: 'n', label: 'B1', deviceId: 'bone-access-11g-150', zoneSetId: null,
  entry: [0, 0, 0], target: [0, 30, 40], frameOfReferenceUID, accessRoute: null, lesionId: null, metrics: null,
});
const draftWith = (t: Trajectory[]): PlanDraft => ({ lesions: [], structures: [], trajectories: t, extra: {} });

describe('computeLiveMetrics', () => {
  it('an empty plan measures nothing', () => {
    expect(computeLiveMetrics(draftWith([]), inputs)).toEqual({ trajectories: new Map(), zones: null, ms: 0, problems: [] });
  });

  it('gives each trajectory its metrics by id: depth from entry to tip', () => {
    const m = computeLiveMetrics(draftWith([needle(FOR)]), inputs);
    expect(m.problems).toEqual([]);
    // (0, 30, 40) mm: 50 mm deep.
    expect(m.trajectories.get('n')?.depthMm).toBeCloseTo(50, 9);
  });

  it('names the problem, and gives no metrics, for a trajectory in another frame of reference', () => {
    const m = computeLiveMetrics(draftWith([needle('9.9.9')]), inputs);
    expect(m.trajectories.size).toBe(0);
    expect(m.problems.length).toBeGreaterThan(0);
  });
});
