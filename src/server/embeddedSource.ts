import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { readInstanceHeader } from '../dicom/readInstanceHeader';
import { readDicomBytes } from '../dicom/readDicomBytes';
import type { InstanceHeader } from '../dicom/instanceHeader';
import { walkFiles } from './walkFiles';

/** An indexed instance: its header and the file it lives in. */
export interface IndexedInstance {
  header: InstanceHeader;
  file: string;
}

/**
 * What indexing a folder found: the instances, the files it could not read, with why, and
 * `problem` when the folder itself could not be walked (missing, unreadable): a sentence naming
 * the folder and the reason, for the log and the worklist; null when it was read.
 */
export interface FolderIndex {
  instances: IndexedInstance[];
  failures: { file: string; reason: string }[];
  skipped: number;
  problem: string | null;
}

const HEAD_BYTES = 64 * 1024;

async function readHead(file: string): Promise<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    const buf = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function readAll(file: string): Promise<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    return new Uint8Array(await fh.readFile());
  } finally {
    await fh.close();
  }
}

const looksLikeDicom = (b: Uint8Array): boolean =>
  b.length > 132 && b[128] === 0x44 && b[129] === 0x49 && b[130] === 0x43 && b[131] === 0x4d;

/**
 * Indexes the DICOM files below a folder, reading only each file's header (the first 64 KiB,
 * or the whole file when the header is longer). Files that are not Part 10 DICOM are
 * skipped and counted; files that fail to parse are listed with the reason. A folder that
 * cannot be walked gives no instances and a `problem` naming it and why (never a silent empty index).
 */
export async function indexFolder(root: string): Promise<FolderIndex> {
  const index: FolderIndex = { instances: [], failures: [], skipped: 0, problem: null };
  let files: string[];
  try {
    files = await walkFiles(root);
  } catch (e) {
    // Not an empty worklist without a reason: the log and the worklist say which folder and why.
    index.problem = `The embedded sample folder ${root} could not be read: ${e instanceof Error ? e.message : String(e)}`;
    return index;
  }
  for (const file of files) {
    if (file.endsWith('.json') || file.endsWith('.md') || file.endsWith('.txt')) continue;
    try {
      const head = await readHead(file);
      let header: InstanceHeader | undefined;
      if (looksLikeDicom(head)) {
        try {
          header = readInstanceHeader(head, true);
        } catch {
          // Long headers, odd encodings, missing UIDs: the whole-file reader says what is wrong.
        }
      }
      if (!header?.sopInstanceUID) {
        const outcome = readDicomBytes(file, await readAll(file), (d) => new Uint8Array(inflateRawSync(d)));
        if (outcome.status === 'skipped') {
          index.skipped++;
          continue;
        }
        if (outcome.status === 'failed') throw new Error(outcome.reason);
        header = outcome.header;
      }
      index.instances.push({ header, file });
    } catch (e) {
      index.failures.push({ file, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return index;
}
