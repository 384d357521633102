import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Where Debian's `orthanc` package puts the server. */
export const ORTHANC_BINARY = '/usr/sbin/Orthanc';
/** Where Debian's `orthanc-dicomweb` package puts the DICOMweb plugin. */
export const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

/** A running Orthanc of this test process. */
export interface Orthanc {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The DICOMweb root, http://127.0.0.1:<port>/dicom-web */
  dicomweb: string;
  port: number;
  pid: number;
  /** The Authorization header for its registered user, when authentication is on. */
  authorization?: string;
  logFile: string;
  stop(): Promise<void>;
}

/** Options of {@link startOrthanc}. */
export interface OrthancOptions {
  /** Turns HTTP Basic authentication on with these users (name to password). */
  users?: Record<string, string>;
}

/** Why the Orthanc tests cannot run here (printed), or undefined when they can. */
export function orthancSkipReason(): string | undefined {
  const missing = [ORTHANC_BINARY, DICOMWEB_PLUGIN].filter((f) => !existsSync(f));
  if (missing.length === 0) return undefined;
  const reason =
    `skipped the DICOMweb tests against a real Orthanc: ${missing.join(' and ')} absent ` +
    '(apt-get install --no-install-recommends orthanc orthanc-dicomweb, or run scripts/install-system-deps.sh as root)';
  console.warn(reason);
  return reason;
}

/** A free TCP port on loopback (Orthanc takes it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

async function logTail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-15).join('\n');
}

/**
 * Starts /usr/sbin/Orthanc with its own configuration in a temporary folder: a free HTTP
 * port, remote access off (it always binds 0.0.0.0), no DICOM listener, storage and index
 * under the folder, and only the DICOMweb plugin (never the GDCM one, which crashes on
 * JPEG-LS here) with full study and series metadata. Resolves once `/system` answers.
 */
export async function startOrthanc(options: OrthancOptions = {}): Promise<Orthanc> {
  const dir = await mkdtemp(path.join(tmpdir(), 'percuplan-orthanc-'));
  const port = await freePort();
  const users = options.users ?? {};
  const config = {
    Name: 'PercuPlan test PACS',
    HttpPort: port,
    RemoteAccessAllowed: false,
    DicomServerEnabled: false,
    StorageDirectory: path.join(dir, 'storage'),
    IndexDirectory: path.join(dir, 'index'),
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/', StudiesMetadata: 'Full', SeriesMetadata: 'Full' },
    AuthenticationEnabled: Object.keys(users).length > 0,
    RegisteredUsers: users,
  };
  const configFile = path.join(dir, 'orthanc.json');
  const logFile = path.join(dir, 'orthanc.log');
  await writeFile(configFile, JSON.stringify(config, null, 2));
  const child = spawn(ORTHANC_BINARY, [configFile, `--logfile=${logFile}`], { stdio: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${ORTHANC_BINARY}`);

  const [user, password] = Object.entries(users)[0] ?? [];
  const authorization = user !== undefined ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined;
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(pid, 'SIGTERM');
      const killer = setTimeout(() => child.exitCode === null && process.kill(pid, 'SIGKILL'), 5000);
      await exited(child);
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited with ${child.exitCode}:\n${await logTail(logFile)}`);
    const ok = await fetch(`${url}/system`, { headers: authorization ? { authorization } : {} })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      const tail = await logTail(logFile);
      await stop();
      throw new Error(`Orthanc did not answer on ${url}/system within 15 s:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, dicomweb: `${url}/dicom-web`, port, pid, authorization, logFile, stop };
}

/** The Part 10 files below a folder (by their "DICM" preamble), sorted by path. */
export async function dicomFilesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  const isDicom = async (f: string): Promise<boolean> => {
    const head = await readFile(f).then((b) => b.subarray(128, 132).toString('latin1')).catch(() => '');
    return head === 'DICM';
  };
  const flags = await Promise.all(files.map(isDicom));
  return files.filter((_, i) => flags[i]).sort();
}

/** What a STOW-RS upload stored. */
export interface StowResult {
  sent: number;
  stored: number;
  /** Files Orthanc would not store. */
  rejected: string[];
}

/** One STOW-RS request; resolves with the SOP Instance UIDs Orthanc says it stored. */
async function stowOnce(orthanc: Orthanc, files: readonly string[]): Promise<string[]> {
  const boundary = `percuplan-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), await readFile(f), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const res = await fetch(`${orthanc.dicomweb}/studies`, {
    method: 'POST',
    headers: {
      'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
      accept: 'application/dicom+json',
      ...(orthanc.authorization ? { authorization: orthanc.authorization } : {}),
    },
    body: Buffer.concat(parts),
  });
  if (!res.ok) throw new Error(`STOW-RS of ${files.length} files failed: HTTP ${res.status} ${await res.text()}`);
  type Item = Record<string, { Value?: unknown[] } | undefined>;
  const answer = (await res.json()) as Item;
  const items = (answer['00081199']?.Value ?? []) as Item[];
  return items.map((i) => String(i['00081155']?.Value?.[0] ?? ''));
}

/**
 * Stores files with STOW-RS (`POST /dicom-web/studies`, multipart/related;
 * type="application/dicom"), in batches. Orthanc 1.10 with DICOMweb 1.7 answers 200 even when
 * it rejects a file (e.g. one whose SOPInstanceUID is empty) and then stores nothing more of
 * that request, listing no failure either; so the stored instances are counted from its
 * answer, and a batch that fell short is sent again file by file to find the rejected ones.
 */
export async function stowFiles(orthanc: Orthanc, files: readonly string[], batchSize = 50): Promise<StowResult> {
  const stored = new Set<string>();
  const rejected: string[] = [];
  for (let i = 0; i < files.length; i += batchSize) {
    const batch = files.slice(i, i + batchSize);
    const uids = await stowOnce(orthanc, batch);
    uids.forEach((u) => stored.add(u));
    if (uids.length === batch.length) continue;
    for (const f of batch) {
      const one = await stowOnce(orthanc, [f]);
      if (one.length === 0) rejected.push(f);
      one.forEach((u) => stored.add(u));
    }
  }
  return { sent: files.length, stored: stored.size, rejected };
}

/**
 * Creates one small instance through Orthanc's own REST API (`/tools/create-dicom`), with the
 * given DICOM keywords as tags; with `parentStudy` (an Orthanc study id) it becomes a new
 * series of that study. For search fixtures whose patient, date and modality a test picks.
 * Resolves with Orthanc's ids of the instance and its study.
 */
export async function createInstance(
  orthanc: Orthanc,
  tags: Record<string, string>,
  parentStudy?: string,
): Promise<{ instance: string; study: string }> {
  const res = await fetch(`${orthanc.url}/tools/create-dicom`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(orthanc.authorization ? { authorization: orthanc.authorization } : {}) },
    body: JSON.stringify({ Tags: tags, ...(parentStudy ? { Parent: parentStudy } : {}) }),
  });
  if (!res.ok) throw new Error(`create-dicom failed: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { ID: string; ParentStudy: string };
  return { instance: body.ID, study: body.ParentStudy };
}
