import { decodePart10 } from '../../../interop/part10';
import { writeTceManifest } from '../../../interop/teaching/tceManifest';
import { writeTceTeachingSr } from '../../../interop/teaching/tceTeachingSr';
import type { TeachingCase } from '../../../records';
import { err, ok, type Result } from '../../../shared/result';
import type { PacsClient } from '../../dicomweb/pacsClient';
import type { StowOutcome } from '../../interop/stowAnswer';
import { stowRs, type StowInstance } from '../../interop/stowRs';
import type { TeachingFile } from '../teachingParts';

/** Most files, and most bytes, in one STOW-RS request: one multipart body is built in memory. */
const BATCH_FILES = 64;
const BATCH_BYTES = 128 * 1024 * 1024;

/** What a sending achieved: every file's outcome, then the companion SR's, the manifest's last. */
export interface TeachingSent extends StowOutcome {
  readonly manifestSopInstanceUID: string;
}

/** The files cut into requests of at most BATCH_FILES files and (unless one file is larger) BATCH_BYTES. */
function batches(instances: readonly StowInstance[]): StowInstance[][] {
  const out: StowInstance[][] = [];
  let current: StowInstance[] = [];
  let bytes = 0;
  for (const i of instances) {
    if (current.length && (current.length >= BATCH_FILES || bytes + i.bytes.length > BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(i);
    bytes += i.bytes.length;
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Sends a teaching case's de-identified files to the teaching PACS by STOW-RS with the IHE TCE
 * companion SR of its teaching fields (TCE006), then the manifest (TCE001 "For Teaching File
 * Export") listing all of them, last, so that a PACS acting on
 * the manifest finds every instance it names already stored. The manifest's UIDs come from its
 * content: a resend stores the same instances again. A PACS that cannot be reached or refuses
 * throws the stowRs PacsError (the files sent before it may be stored); a manifest that cannot be
 * written is an error sentence.
 */
export async function sendTeachingCase(
  client: PacsClient,
  tc: Pick<TeachingCase, 'fields'>,
  files: readonly { readonly file: TeachingFile; readonly bytes: Uint8Array }[],
  softwareVersion: string,
): Promise<Result<TeachingSent>> {
  const first = files[0];
  if (!first) return err('the teaching case holds no file to send');
  const decoded = decodePart10(first.bytes, first.file.path);
  if (!decoded.ok) return err(decoded.error);
  // The companion SR carries the teaching fields; the manifest lists it with the images.
  const sr = await writeTceTeachingSr({ studyFile: decoded.value.dataset, fields: tc.fields, softwareVersion });
  if (!sr.ok) return err(`The teaching file information SR cannot be written: ${sr.error}`);
  const listed = [
    ...files.map(({ file }) => ({ studyInstanceUID: file.studyInstanceUID, seriesInstanceUID: file.seriesInstanceUID, sopClassUID: file.sopClassUID, sopInstanceUID: file.sopInstanceUID })),
    { studyInstanceUID: sr.value.studyInstanceUID, seriesInstanceUID: sr.value.seriesInstanceUID, sopClassUID: sr.value.sopClassUID, sopInstanceUID: sr.value.sopInstanceUID },
  ];
  const manifest = await writeTceManifest({ studyFile: decoded.value.dataset, instances: listed, title: tc.fields.title, softwareVersion });
  if (!manifest.ok) return err(`The teaching file manifest cannot be written: ${manifest.error}`);
  const instances: StowInstance[] = [...files.map(({ file, bytes }) => ({ sopClassUID: file.sopClassUID, sopInstanceUID: file.sopInstanceUID, bytes })), sr.value];
  const outcome: { stored: StowOutcome['stored']; failed: StowOutcome['failed'] } = { stored: [], failed: [] };
  for (const batch of [...batches(instances), [manifest.value]]) {
    const r = await stowRs(client, batch);
    outcome.stored.push(...r.stored);
    outcome.failed.push(...r.failed);
  }
  return ok({ manifestSopInstanceUID: manifest.value.sopInstanceUID, ...outcome });
}
