import type { IncomingMessage } from 'node:http';
import { jsonString, type DicomJsonDataset } from '../../dicom/dicomJson';
import { createMultipartParser, boundaryOf } from './multipartRelated';
import { pacsFailure, type PacsClient } from './pacsClient';
import { PacsError } from './pacsError';
import { queryString } from './pacsSearch';
import { qidoDatasets } from './studyFromQido';

/** One instance as retrieved: its SOP Instance UID and its Part 10 bytes. */
export interface RetrievedInstance {
  readonly sopInstanceUID: string;
  readonly bytes: Uint8Array;
}

/** Bounds of {@link retrieveSeries}. */
export interface RetrieveLimits {
  /** Instances asked for at once (default 4: a PACS is shared with the reading rooms). */
  readonly parallel?: number;
  /** The whole series must arrive within this (default 120 s). */
  readonly overallTimeoutMs?: number;
  /** A request that sends nothing for this long is given up (default 20 s). */
  readonly idleTimeoutMs?: number;
  /** Most bytes received for the series, all instances together (default 1 GiB). */
  readonly maxBytes?: number;
}

/** Asks for the instance as stored (no transcoding); refused by some PACS, which then get the plain form. */
const ACCEPT_AS_STORED = 'multipart/related; type="application/dicom"; transfer-syntax=*';
const ACCEPT_PLAIN = 'multipart/related; type="application/dicom"';

const datasets = (client: PacsClient, json: unknown, what: string): DicomJsonDataset[] => {
  try {
    return qidoDatasets(json ?? [], what);
  } catch (e) {
    throw new PacsError(`The PACS at ${client.name} answered oddly: ${e instanceof Error ? e.message : String(e)}.`);
  }
};

/** The study of a series by QIDO-RS (`/series?SeriesInstanceUID=`), or undefined when the PACS does not have it. */
async function studyOf(client: PacsClient, series: string): Promise<string | undefined> {
  const json = await client.json(`/series${queryString([['SeriesInstanceUID', series], ['includefield', '0020000D']])}`);
  // A PACS that ignores the filter would list other series: take only this one (or one that does not say).
  const found = datasets(client, json, `The search for series ${series}`).find((ds) => (jsonString(ds, '0020000E') ?? series) === series);
  return found ? jsonString(found, '0020000D') : undefined;
}

/** The SOP Instance UIDs of a series by QIDO-RS; empty when the PACS does not have it under that study. */
async function instancesOf(client: PacsClient, study: string, series: string): Promise<string[]> {
  const json = await client.json(`/studies/${study}/series/${series}/instances${queryString([['includefield', '00080018']])}`);
  return datasets(client, json, `The instances of series ${series}`)
    .map((ds) => jsonString(ds, '00080018'))
    .filter((u): u is string => u !== undefined);
}

const UID = /^[0-9.]{1,64}$/;

/**
 * Retrieves every instance of a series from the PACS with WADO-RS, as Part 10 bytes, for the
 * server's own use (recomputing plan metrics on the CT). The study is `study` when given (the
 * plan says which), else found by QIDO-RS; the instances are listed by QIDO-RS and fetched one
 * request each (`GET /studies/{s}/series/{se}/instances/{i}`, multipart/related;
 * type="application/dicom", as stored when the PACS allows), `parallel` at a time. Resolves
 * with undefined when the PACS does not hold the series. Rejects with a {@link PacsError}
 * naming the PACS when it cannot be reached, refuses, fails, stalls longer than the idle
 * timeout, takes longer than the overall timeout, or sends more than `maxBytes`; the other
 * requests are then cancelled.
 */
export async function retrieveSeries(client: PacsClient, series: string, study: string | null | undefined, limits: RetrieveLimits = {}): Promise<RetrievedInstance[] | undefined> {
  const parallel = Math.max(1, limits.parallel ?? 4);
  const overallMs = limits.overallTimeoutMs ?? 120_000;
  const idleMs = limits.idleTimeoutMs ?? 20_000;
  const maxBytes = limits.maxBytes ?? 1024 ** 3;
  if (!UID.test(series) || (study && !UID.test(study))) throw new PacsError(`Not a series to ask the PACS at ${client.name} for: ${series}`);

  const abort = new AbortController();
  let failure: PacsError | undefined;
  const fail = (e: PacsError): never => {
    failure ??= e;
    abort.abort();
    throw failure;
  };
  const overall = setTimeout(() => {
    failure ??= new PacsError(`The PACS at ${client.name} did not send series ${series} within ${overallMs / 1000} s.`);
    abort.abort();
  }, overallMs);
  try {
    let studyUID = study ?? (await studyOf(client, series));
    if (!studyUID) return undefined;
    let uids = await instancesOf(client, studyUID, series);
    if (uids.length === 0 && study) {
      // The plan may name a study the PACS filed the series under differently: ask by series.
      studyUID = await studyOf(client, series);
      if (!studyUID || studyUID === study) return undefined;
      uids = await instancesOf(client, studyUID, series);
    }
    if (uids.length === 0) return undefined;
    // UIDs the PACS wrote go into our request paths: only digits and dots.
    const odd = [studyUID, ...uids].find((u) => !UID.test(u));
    if (odd !== undefined) throw new PacsError(`The PACS at ${client.name} named series ${series}'s study or an instance with a UID that is not one: ${JSON.stringify(odd.slice(0, 80))}.`);
    const base = `/studies/${studyUID}/series/${series}/instances/`;

    let received = 0;
    const count = (n: number): void => {
      received += n;
      if (received > maxBytes) fail(new PacsError(`Series ${series} on the PACS at ${client.name} is larger than the ${Math.round(maxBytes / 1024 ** 2)} MB the server fetches for a plan.`));
    };

    /** Reads one answer whole, through the multipart parser when it is multipart. */
    const readAnswer = async (res: IncomingMessage, sop: string, idle: () => void): Promise<Uint8Array> => {
      const type = res.headers['content-type'];
      const boundary = boundaryOf(type);
      const parts: Buffer[] = [];
      const parser = boundary ? createMultipartParser(boundary, (p) => parts.push(p.body)) : undefined;
      if (!boundary && !/^application\/dicom\b/i.test(type ?? '')) {
        res.resume();
        fail(new PacsError(`The PACS at ${client.name} answered instance ${sop} with ${type ?? 'no content type'}, not DICOM.`));
      }
      const whole: Buffer[] = [];
      for await (const chunk of res) {
        const b = chunk as Buffer;
        idle();
        count(b.length);
        if (parser) parser.push(b);
        else whole.push(b);
      }
      if (!parser) return Buffer.concat(whole);
      try {
        parser.end();
      } catch (e) {
        fail(new PacsError(`The PACS at ${client.name} sent instance ${sop} cut short (${e instanceof Error ? e.message : String(e)}).`));
      }
      if (parts.length !== 1) fail(new PacsError(`The PACS at ${client.name} answered instance ${sop} with ${parts.length} parts, not 1.`));
      return parts[0]!;
    };

    const fetchOne = async (sop: string): Promise<RetrievedInstance> => {
      let timer: NodeJS.Timeout | undefined;
      const idle = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          failure ??= new PacsError(`The PACS at ${client.name} sent nothing for ${idleMs / 1000} s while sending instance ${sop} of series ${series}.`);
          abort.abort();
        }, idleMs);
      };
      try {
        for (const accept of [ACCEPT_AS_STORED, ACCEPT_PLAIN]) {
          idle();
          const res = await client.open(`${base}${sop}`, { headers: { accept }, signal: abort.signal });
          const what = `GET ${base}${sop}`;
          const refused = await pacsFailure(res, client.name, what);
          if (refused) fail(refused);
          const status = res.statusCode ?? 0;
          if ((status === 406 || status === 400) && accept === ACCEPT_AS_STORED) {
            res.resume();
            continue;
          }
          if (status !== 200) {
            res.resume();
            fail(new PacsError(`The PACS at ${client.name} answered HTTP ${status} to ${what}.`));
          }
          return { sopInstanceUID: sop, bytes: await readAnswer(res, sop, idle) };
        }
        return fail(new PacsError(`The PACS at ${client.name} refused to send instance ${sop} as DICOM.`));
      } finally {
        clearTimeout(timer);
      }
    };

    const out: RetrievedInstance[] = new Array<RetrievedInstance>(uids.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < uids.length && !abort.signal.aborted) {
        const i = next++;
        out[i] = await fetchOne(uids[i]!);
      }
    };
    const settled = await Promise.allSettled(Array.from({ length: Math.min(parallel, uids.length) }, worker));
    const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure;
    if (rejected) throw rejected.reason instanceof PacsError ? rejected.reason : new PacsError(`Fetching series ${series} from the PACS at ${client.name} failed: ${String(rejected.reason)}`);
    return out;
  } catch (e) {
    // A request cut off by the timeout fails with an abort error: the timeout is the reason to give.
    if (failure) throw failure;
    throw e instanceof PacsError ? e : new PacsError(`Fetching series ${series} from the PACS at ${client.name} failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    clearTimeout(overall);
  }
}
