import type { FastifyRequest } from 'fastify';
import { assertNever } from '../../shared/result';
import { problem, type Reply } from '../records/apiProblem';
import type { AnalysisOutcome } from './analysisJob';

/**
 * The answer to an analysis: 200 with the result; 422 when the registration failed (the house
 * problem `{error, code}` plus `{title, detail, registration}`: the whole report, so the UI can
 * show where it stopped) or when the input cannot be analysed; 503 when the server stopped it
 * (closing); 500 for a fault of the server, logged.
 */
export function outcomeReply(outcome: AnalysisOutcome, request: Pick<FastifyRequest, 'method' | 'url'>): Reply {
  switch (outcome.kind) {
    case 'ok':
      return { status: 200, body: outcome.result };
    case 'registration-failed':
      return {
        status: 422,
        body: {
          error: `Registration failed: ${outcome.message}`,
          code: 'registration-failed',
          title: 'Registration failed',
          detail: outcome.message,
          registration: outcome.registration,
        },
      };
    case 'invalid':
      return problem(422, 'analysis-failed', `The analysis cannot use this input: ${outcome.message}`);
    case 'cancelled':
      return problem(503, 'busy', 'The analysis was stopped before it finished (the request was cancelled or the server is stopping)');
    case 'error':
      console.error(`[post-procedure] ${request.method} ${request.url.split('?')[0] ?? ''}: ${outcome.message}`);
      return problem(500, 'internal-error', 'The analysis failed on the server; see the server log');
    default:
      return assertNever(outcome);
  }
}
