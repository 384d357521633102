import type { PacsClient } from '../dicomweb/pacsClient';
import { pacsFailure, readPacsBody } from '../dicomweb/pacsClient';
import { PacsError } from '../dicomweb/pacsError';
import { isStowAnswer, readStowAnswer, type StowOutcome, type StowSent } from './stowAnswer';
import { stowMultipart } from './stowMultipart';

/** One Part 10 file to store, with the identity the answer is matched on. */
export interface StowInstance extends StowSent {
  readonly bytes: Uint8Array;
}

/** Largest STOW-RS answer read (a DICOM JSON list of a few instances is a few kB). */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/**
 * Stores Part 10 files on the PACS in one STOW-RS request (`POST {root}/studies`) and reads
 * from the answer's body which instances it stored and which it did not, with why. A PACS that
 * cannot be reached, refuses our credentials, fails (5xx) or refuses the request without a
 * STOW-RS answer (e.g. 415) is a {@link PacsError} naming it and its answer.
 */
export async function stowRs(client: PacsClient, instances: readonly StowInstance[]): Promise<StowOutcome> {
  const what = `STOW-RS of ${instances.length} instance${instances.length === 1 ? '' : 's'}`;
  const { contentType, body } = stowMultipart(instances.map((i) => i.bytes));
  const res = await client.open('/studies', { method: 'POST', body, headers: { 'content-type': contentType, accept: 'application/dicom+json' } });
  const failure = await pacsFailure(res, client.name, what);
  if (failure) throw failure;
  const text = (await readPacsBody(res, MAX_ANSWER_BYTES, what)).toString('utf8');
  let json: unknown;
  try {
    json = text.trim() ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    json = undefined;
  }
  // Some servers wrap the one dataset in an array.
  const answer = Array.isArray(json) && json.length === 1 ? (json[0] as unknown) : json;
  if (isStowAnswer(answer)) return readStowAnswer(answer, instances);
  const status = res.statusCode ?? 0;
  const detail = text.slice(0, 300).replace(/\s+/g, ' ').trim();
  if (status >= 200 && status < 300) {
    throw new PacsError(`The PACS at ${client.name} answered the ${what} (HTTP ${status}) without saying what it stored${detail ? `: ${detail}` : ''}.`);
  }
  throw new PacsError(`The PACS at ${client.name} refused the ${what} (HTTP ${status})${detail ? `: ${detail}` : ''}.`);
}
