import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeStudyFiles, renderStudy } from './renderStudy';
import { STUDIES } from './studies';
import { STUDY_KEYS, type StudyKey } from './studyKeys';
import { GENERATOR_VERSION, type StudyTruth } from './truth';

/** Where the sample studies go unless told otherwise: sample-dicom/generated/. */
export const DEFAULT_SAMPLE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'generated');

export interface EnsureOptions {
  /** Regenerate even complete studies. */
  force?: boolean;
  /** Only these studies (default: all). */
  keys?: readonly StudyKey[];
  /** Progress messages (default: console.log). */
  log?: (message: string) => void;
}

/**
 * True when `dir` holds a complete study of the current generator version: truth.json
 * (written last) naming this key, and one IM file per slice.
 */
export function isStudyComplete(dir: string, key: StudyKey): boolean {
  try {
    const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Partial<StudyTruth>;
    if (truth.key !== key || truth.generatorVersion !== GENERATOR_VERSION || !truth.geometry) return false;
    const images = readdirSync(dir).filter((f) => /^IM\d{4}\.dcm$/.test(f));
    return images.length === truth.geometry.sliceCount;
  } catch {
    return false;
  }
}

const inFlight = new Map<string, Promise<void>>();

/**
 * Makes sure the sample studies exist in `outDir` (default sample-dicom/generated),
 * generating the missing or stale ones. Each study is written to a temporary sibling
 * folder and renamed into place at the end, so an interrupted run never leaves a study
 * that looks complete. A lock file keeps two processes from generating at once; the
 * second waits and then finds the studies complete.
 */
export function ensureSampleStudies(outDir: string = DEFAULT_SAMPLE_DIR, options: EnsureOptions = {}): Promise<void> {
  const key = path.resolve(outDir);
  const running = inFlight.get(key);
  if (running && !options.force) return running;
  const job = ensure(key, options).finally(() => inFlight.delete(key));
  inFlight.set(key, job);
  return job;
}

async function ensure(outDir: string, options: EnsureOptions): Promise<void> {
  const log = options.log ?? ((m: string) => console.log(m));
  const keys = options.keys ?? STUDY_KEYS;
  const todo = () => keys.filter((k) => options.force || !isStudyComplete(path.join(outDir, k), k));
  if (todo().length === 0) return;
  await mkdir(outDir, { recursive: true });
  const release = await acquireLock(path.join(outDir, '.generate.lock'), log);
  try {
    await removeLeftovers(outDir);
    const pending = todo();
    for (const k of pending) {
      const t0 = Date.now();
      const size = await generateStudy(outDir, k);
      log(`[sample-dicom] ${k}: ${(size / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    await release();
  }
}

/** Renders one study into a temporary folder and renames it into place; returns bytes written. */
async function generateStudy(outDir: string, key: StudyKey): Promise<number> {
  const def = STUDIES[key];
  const tmp = path.join(outDir, `.tmp-${key}-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  const rendered = renderStudy(def);
  let bytes = 0;
  for (const file of encodeStudyFiles(def, rendered)) {
    await writeFile(path.join(tmp, file.name), file.bytes);
    bytes += file.bytes.length;
  }
  await writeFile(path.join(tmp, 'truth.json'), `${JSON.stringify(rendered.truth, null, 2)}\n`);
  const target = path.join(outDir, key);
  if (existsSync(target)) {
    const old = path.join(outDir, `.old-${key}-${process.pid}`);
    await rename(target, old);
    await rename(tmp, target);
    await rm(old, { recursive: true, force: true });
  } else {
    await rename(tmp, target);
  }
  return bytes;
}

/** Removes `.tmp-*` and `.old-*` folders left by runs that were killed (their PID is gone). */
async function removeLeftovers(outDir: string): Promise<void> {
  for (const name of readdirSync(outDir)) {
    const m = /^\.(?:tmp|old)-.+-(\d+)$/.exec(name);
    if (m && !isAlive(Number(m[1]))) await rm(path.join(outDir, name), { recursive: true, force: true });
  }
}

/** A lock older than this is taken over even if its PID looks alive (the PID may be reused). */
const STALE_LOCK_MS = 15 * 60 * 1000;

async function acquireLock(file: string, log: (m: string) => void): Promise<() => Promise<void>> {
  let warned = false;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => unlink(file).catch(() => undefined);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(await readFile(file, 'utf8').catch(() => ''));
      const age = Date.now() - (await stat(file).then((st) => st.mtimeMs).catch(() => Date.now()));
      if (!isAlive(owner) || age > STALE_LOCK_MS) {
        await unlink(file).catch(() => undefined);
        continue;
      }
      if (!warned) log(`[sample-dicom] waiting for process ${owner}, which is generating the sample studies`);
      warned = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
