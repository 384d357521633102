import { zipSync } from 'fflate';
import type { PlanDocument } from '../records';
import type { ExportedObject } from './exportTypes';

/** The name of a plan version's zip: identifiers only (a plan title may carry a patient's name). */
export const zipFileName = (plan: Pick<PlanDocument, 'id' | 'version'>): string => `PercuPlan-plan-${plan.id.slice(0, 8)}-v${plan.version}-DICOM.zip`;

/** The earliest time a zip entry can carry (MS-DOS dates start in 1980). */
const DOS_EPOCH = Date.UTC(1980, 1, 1);

/**
 * The Part 10 files as a zip, each under the exporter's file name, stamped with the time the
 * version was saved so that one version always gives the same zip. DICOM pixel data of a SEG
 * compresses well; the default level is fine.
 *
 * A zip entry's time has no time zone and fflate writes a Date's LOCAL fields, so the same
 * instant would give other bytes on a server or browser in another zone. The entry carries
 * the saving time in UTC instead: the server and a browser building a plan on local files
 * give the same zip wherever they run. (In the one hour a year a zone skips at its spring DST
 * change, such a Date cannot exist and reads an hour later: the zip then differs from a UTC
 * machine's by that stamp alone.)
 */
export function planZip(objects: readonly Pick<ExportedObject, 'fileName' | 'bytes'>[], savedAt: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const o of objects) files[o.fileName] = o.bytes;
  const parsed = Date.parse(savedAt);
  const t = Number.isFinite(parsed) && parsed > DOS_EPOCH ? parsed : DOS_EPOCH;
  const utc = new Date(t);
  // A Date whose local fields read as the UTC fields of the saving time, in this machine's zone.
  const mtime = new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds(), utc.getUTCMilliseconds());
  return zipSync(files, { mtime });
}
