import { afterEach, describe, expect, it, vi } from 'vitest';
import { isFailure, loadPlanReport, versionParam } from './loadPlanReport';

// The loader against canned server answers (fetch stubbed): which URLs it asks, and that only
// the plan is required (a missing case or series is named in the report, not a failure).

const PLAN_ID = '11111111-1111-4111-8111-111111111111';
const CASE_ID = '22222222-2222-4222-8222-222222222222';
const at = '2026-12-06T10:00:00.000Z';
const plan = (version: number) => ({
  id: PLAN_ID, version, schemaVersion: 1, createdAt: at, createdBy: 'ir1', updatedAt: at, updatedBy: 'ir1', archivedAt: null, archivedBy: null,
  caseId: CASE_ID, title: 'T', studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2.3.4', frameOfReferenceUID: '1.2.3.5',
  status: 'approved', approvedBy: 'ir2', approvedAt: at, content: { trajectories: [], lesions: [] },
});
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function serve(routes: Record<string, () => Response>): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', (url: string) => {
    asked.push(url);
    const r = routes[url];
    return Promise.resolve(r ? r() : json(404, { error: `nothing at ${url}`, code: 'not-found' }));
  });
  return asked;
}

afterEach(() => vi.unstubAllGlobals());

describe('loadPlanReport', () => {
  it('reads the version asked for, and names what else could not be read instead of failing', async () => {
    const asked = serve({
      [`/api/plans/${PLAN_ID}/versions/2`]: () => json(200, plan(2)),
      '/api/health': () => json(200, { status: 'ok', version: '9.8.7' }),
      // No case and no series: both 404.
    });
    const r = await loadPlanReport(PLAN_ID, 2);
    if (isFailure(r)) throw new Error(r.message);
    expect(asked).toContain(`/api/plans/${PLAN_ID}/versions/2`);
    expect(asked).toContain(`/api/cases/${CASE_ID}`);
    expect(asked).toContain('/api/studies/1.2.3/series/1.2.3.4/instances');
    expect(r.plan.version).toBe(2);
    expect(r.softwareVersion).toBe('9.8.7');
    expect('error' in r.caseDoc).toBe(true);
    expect('error' in r.slices && r.slices.error).toMatch(/^the series could not be listed/);
    // The hash is of `content` only: {"lesions":[],"trajectories":[]} in canonical form,
    // `printf '{"lesions":[],"trajectories":[]}' | sha256sum`.
    expect('hex' in r.hash && r.hash.hex).toBe('065491cebf417e5399785248ada5798206bddc3a377d936b51d3dfdad82dccc3');
  });

  it('says "No plan" for an unknown id, and reads the latest version when none is asked', async () => {
    const asked = serve({});
    const r = await loadPlanReport(PLAN_ID, undefined);
    expect(asked).toEqual([`/api/plans/${PLAN_ID}`]);
    expect(isFailure(r) && r.notFound).toBe(true);
    expect(isFailure(r) && r.message).toMatch(new RegExp(`^No plan ${PLAN_ID}`));
  });
});

describe('versionParam', () => {
  it('takes a positive whole version and ignores anything else', () => {
    expect(versionParam('?version=3')).toBe(3);
    expect(versionParam('')).toBeUndefined();
    expect(versionParam('?version=0')).toBeUndefined();
    expect(versionParam('?version=2.5')).toBeUndefined();
    expect(versionParam('?version=abc')).toBeUndefined();
  });
});
