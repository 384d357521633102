import { describe, expect, it, vi } from 'vitest';
import { outcomeReply } from './outcomeReply';
import { testResult } from './testResult';

const request = { method: 'POST', url: '/api/plans/x/post-procedure?debug=1' };

describe('outcomeReply', () => {
  it('answers the result, a failed registration with its whole report, and unusable input as 422s', () => {
    expect(outcomeReply({ kind: 'ok', result: testResult() }, request)).toEqual({ status: 200, body: testResult() });
    const registration = { ...testResult().registration, status: 'failed' as const, message: 'NCC 0.12 below 0.5', source: 'automatic' as const };
    expect(outcomeReply({ kind: 'registration-failed', message: 'NCC 0.12 below 0.5', registration }, request)).toEqual({
      status: 422,
      body: { error: 'Registration failed: NCC 0.12 below 0.5', code: 'registration-failed', title: 'Registration failed', detail: 'NCC 0.12 below 0.5', registration },
    });
    expect(outcomeReply({ kind: 'invalid', message: 'the plan has no lesion' }, request)).toEqual({
      status: 422,
      body: { error: 'The analysis cannot use this input: the plan has no lesion', code: 'analysis-failed' },
    });
  });
  it('a stopped analysis is a 503; a fault of the server a 500 that keeps its message for the log', () => {
    expect(outcomeReply({ kind: 'cancelled' }, request).status).toBe(503);
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const fault = outcomeReply({ kind: 'error', message: 'worker exited with code 1' }, request);
    expect(fault).toEqual({ status: 500, body: { error: 'The analysis failed on the server; see the server log', code: 'internal-error' } });
    expect(log).toHaveBeenCalledWith('[post-procedure] POST /api/plans/x/post-procedure: worker exited with code 1');
    log.mockRestore();
  });
});
