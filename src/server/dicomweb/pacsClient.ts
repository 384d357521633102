import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { describePacs, type DicomwebConfig } from './dicomwebConfig';
import { PacsError } from './pacsError';

/** Idle time after which a PACS request is given up (no bytes in either direction). */
const IDLE_TIMEOUT_MS = 30_000;
/** Largest JSON answer read into memory (series metadata of a few thousand slices fits). */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** Options of one request to the PACS (a GET unless it says POST). */
export interface PacsRequest {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Default GET; POST for STOW-RS. */
  method?: 'GET' | 'POST';
  /** The request body, sent whole with its Content-Length (a STOW-RS multipart). */
  body?: Uint8Array;
}

/** Talks HTTP to the configured DICOMweb root, adding the credentials to every request. */
export interface PacsClient {
  /** The DICOMweb root without credentials, for messages and URL rewriting. */
  readonly baseUrl: URL;
  /** What to call the PACS in messages: its URL without credentials. */
  readonly name: string;
  /**
   * Sends a request for `pathAndQuery` (below the DICOMweb root, starting with "/") and
   * resolves with the response as a stream, whatever its status. Rejects with a
   * {@link PacsError} when the PACS cannot be reached.
   */
  open(pathAndQuery: string, options?: PacsRequest): Promise<IncomingMessage>;
  /**
   * GETs JSON: resolves with the parsed body, `[]` for 204 No Content, `undefined` for 404.
   * Any other failure is a {@link PacsError}.
   */
  json(pathAndQuery: string): Promise<unknown>;
}

/** The first few hundred characters of an error answer, on one line, for a message. */
const detailOf = (body: Buffer): string => body.toString('utf8').slice(0, 300).replace(/\s+/g, ' ').trim();

/**
 * The error for a PACS answer our server cannot pass on (refused credentials, a server
 * error), or undefined when the status is usable. Drains the answer when it is an error; a
 * server error's own explanation is quoted.
 */
export async function pacsFailure(res: IncomingMessage, name: string, what: string): Promise<PacsError | undefined> {
  const status = res.statusCode ?? 0;
  if (status === 401 || status === 403) {
    res.resume();
    return new PacsError(
      `The PACS at ${name} refused our credentials (HTTP ${status}) for ${what}; ` +
        'check DICOMWEB_USER/DICOMWEB_PASSWORD or DICOMWEB_AUTHORIZATION in the server configuration.',
    );
  }
  if (status < 500) return undefined;
  const detail = detailOf(await readPacsBody(res, 64 * 1024, what).catch(() => Buffer.alloc(0)));
  return new PacsError(`The PACS at ${name} failed (HTTP ${status}) on ${what}${detail ? `: ${detail}` : ''}.`);
}

/** Reads a response body whole, up to `limit` bytes; for JSON answers, never for frames. */
export async function readPacsBody(res: IncomingMessage, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) {
      res.destroy();
      throw new PacsError(`The answer to ${what} exceeds ${limit} bytes.`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** A client for the configured PACS. */
export function createPacsClient(config: DicomwebConfig): PacsClient {
  const base = config.baseUrl;
  const name = describePacs(base);
  const transport = base.protocol === 'https:' ? https : http;
  // Connections are reused: a viewer asks for hundreds of frames in a burst.
  const agent = new transport.Agent({ keepAlive: true, maxSockets: 16 });

  const send = (pathAndQuery: string, options: PacsRequest, retried: boolean): Promise<IncomingMessage> =>
    new Promise((resolve, reject) => {
      const target = new URL(`${base.origin}${base.pathname}${pathAndQuery}`);
      const auth = config.authorization();
      const req = transport.request(target, {
        agent,
        method: options.method ?? 'GET',
        headers: {
          ...options.headers,
          ...(options.body ? { 'content-length': String(options.body.byteLength) } : {}),
          ...(auth ? { authorization: auth } : {}),
        },
        signal: options.signal,
      });
      req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${IDLE_TIMEOUT_MS / 1000} s`)));
      req.once('response', resolve);
      req.once('error', (e: NodeJS.ErrnoException) => {
        // A kept-alive connection the PACS closed meanwhile (Orthanc keeps them 1 s): try once more.
        if (req.reusedSocket && !retried && !options.signal?.aborted && (e.code === 'ECONNRESET' || e.code === 'EPIPE')) {
          send(pathAndQuery, options, true).then(resolve, reject);
          return;
        }
        const why = e.code && !e.message.includes(e.code) ? `${e.code} ${e.message}` : e.message;
        reject(new PacsError(`The PACS at ${name} did not answer: ${why}.`));
      });
      req.end(options.body);
    });
  const open = (pathAndQuery: string, options: PacsRequest = {}): Promise<IncomingMessage> => send(pathAndQuery, options, false);

  return {
    baseUrl: base,
    name,
    open,
    async json(pathAndQuery) {
      const what = `GET ${pathAndQuery.split('?')[0]}`;
      const res = await open(pathAndQuery, { headers: { accept: 'application/dicom+json, application/json' } });
      const failure = await pacsFailure(res, name, what);
      if (failure) throw failure;
      if (res.statusCode === 404) {
        res.resume();
        return undefined;
      }
      const body = await readPacsBody(res, MAX_JSON_BYTES, what);
      if (res.statusCode === 204 || (res.statusCode === 200 && body.length === 0)) return [];
      if (res.statusCode !== 200) {
        const detail = detailOf(body);
        throw new PacsError(`The PACS at ${name} rejected ${what} (HTTP ${res.statusCode})${detail ? `: ${detail}` : ''}.`);
      }
      try {
        return JSON.parse(body.toString('utf8')) as unknown;
      } catch {
        throw new PacsError(`The PACS at ${name} answered ${what} with something that is not JSON.`);
      }
    },
  };
}
