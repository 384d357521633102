import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import dicomParser from 'dicom-parser';
import { headerFromDataSet, imageAttributesOf } from '../dicom/readInstanceHeader';
import { readDicomBytes } from '../dicom/readDicomBytes';
import type { ImageAttributes, InstanceHeader } from '../dicom/instanceHeader';
import { walkFiles } from './walkFiles';

/** An indexed instance: its header and the file it lives in. */
export interface IndexedInstance {
  header: InstanceHeader;
  file: string;
  /**
   * The image's attributes as DICOM JSON and where its Pixel Data lies, kept from the index's
   * parse so the viewer gets an embedded image's metadata with the series listing and its
   * frame as a byte range (dicomweb/embeddedFrames), never the whole file to parse again.
   */
  image?: ImageAttributes;
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
      let image: ImageAttributes | undefined;
      if (looksLikeDicom(head)) {
        try {
          // Stops at the Pixel Data, whose place in the file (the head's bytes are the file's) is kept.
          const ds = dicomParser.parseDicom(head, { untilTag: 'x7fe00010' });
          header = headerFromDataSet(ds);
          image = header.hasPixelData ? imageAttributesOf(ds, header.transferSyntaxUID, 0) : undefined;
        } catch {
          // Long headers, odd encodings, missing UIDs: the whole-file reader says what is wrong.
          header = undefined;
          image = undefined;
        }
      }
      if (!header?.sopInstanceUID) {
        const outcome = readDicomBytes(file, await readAll(file), (d) => new Uint8Array(inflateRawSync(d)), { imageAttributes: true });
        if (outcome.status === 'skipped') {
          index.skipped++;
          continue;
        }
        if (outcome.status === 'failed') throw new Error(outcome.reason);
        header = outcome.header;
        image = outcome.image;
      }
      index.instances.push(image ? { header, file, image } : { header, file });
    } catch (e) {
      index.failures.push({ file, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return index;
}
