import { jsonAttribute, jsonNumber, jsonString, type DicomJsonDataset } from '../../dicom/dicomJson';

/** One instance sent by STOW-RS. */
export interface StowSent {
  readonly sopClassUID: string;
  readonly sopInstanceUID: string;
}

/** An instance the PACS stored (with its warning, when it gave one). */
export interface StowStored extends StowSent {
  readonly warning?: string;
}

/** An instance the PACS did not store, and why. */
export interface StowFailed extends StowSent {
  readonly reason: string;
}

/** What a STOW-RS request achieved, instance by instance, in the order they were sent. */
export interface StowOutcome {
  readonly stored: StowStored[];
  readonly failed: StowFailed[];
}

const REFERENCED_SOP_SEQUENCE = '00081199';
const FAILED_SOP_SEQUENCE = '00081198';
const REFERENCED_SOP_INSTANCE_UID = '00081155';
const FAILURE_REASON = '00081197';
const WARNING_REASON = '00081196';

/** Storage status codes (PS3.4 B.2.3, PS3.18 table 10.5.3-1) as a person reads them. */
function statusText(code: number): string {
  const hex = `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const say = (what: string): string => `${hex} (${what})`;
  if (code >= 0xa700 && code <= 0xa7ff) return say('refused: out of resources');
  if (code >= 0xa900 && code <= 0xa9ff) return say('error: data set does not match SOP class');
  if (code >= 0xc000 && code <= 0xcfff) return say('error: cannot understand');
  const known: Record<number, string> = {
    0x0110: 'processing failure',
    0x0111: 'duplicate SOP instance',
    0x0117: 'invalid object instance',
    0x0122: 'SOP class not supported',
    0x0124: 'not authorized',
    0x0212: 'mistyped argument',
    0xb000: 'warning: coercion of data elements',
    0xb006: 'warning: elements discarded',
    0xb007: 'warning: data set does not match SOP class',
  };
  return say(known[code] ?? 'status code');
}

const itemsOf = (answer: DicomJsonDataset, tag: string): DicomJsonDataset[] => {
  const value = jsonAttribute(answer, tag)?.Value;
  return Array.isArray(value) ? value.filter((v): v is DicomJsonDataset => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
};

/**
 * Whether a parsed JSON body is a STOW-RS answer: a DICOM JSON dataset (every key a tag), which
 * may be empty when nothing was stored. An error object of the PACS's own ({"Message": …}) is not.
 */
export function isStowAnswer(json: unknown): json is DicomJsonDataset {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  return Object.keys(json).every((k) => /^[0-9A-Fa-f]{8}$/.test(k));
}

/**
 * Reads a STOW-RS answer (DICOM JSON, PS3.18 10.5.3): the Referenced SOP Sequence lists what
 * was stored (with a Warning Reason when the PACS changed something), the Failed SOP Sequence
 * what was not, with its Failure Reason. The answer's status alone does not tell: Orthanc
 * answers 200 and stops storing at the first file it rejects, listing neither that file nor
 * the rest, so an instance sent but named in neither sequence counts as failed, saying so.
 */
export function readStowAnswer(answer: DicomJsonDataset, sent: readonly StowSent[]): StowOutcome {
  const stored = new Map<string, string | undefined>();
  for (const item of itemsOf(answer, REFERENCED_SOP_SEQUENCE)) {
    const uid = jsonString(item, REFERENCED_SOP_INSTANCE_UID);
    const warning = jsonNumber(item, WARNING_REASON);
    if (uid) stored.set(uid, warning === undefined ? undefined : statusText(warning));
  }
  const failedWhy = new Map<string, string>();
  for (const item of itemsOf(answer, FAILED_SOP_SEQUENCE)) {
    const uid = jsonString(item, REFERENCED_SOP_INSTANCE_UID);
    const code = jsonNumber(item, FAILURE_REASON);
    if (uid) failedWhy.set(uid, code === undefined ? 'failed, without a Failure Reason' : statusText(code));
  }
  const out: StowOutcome = { stored: [], failed: [] };
  for (const s of sent) {
    // Only the identity: what was sent may carry more (the file's bytes).
    const id: StowSent = { sopClassUID: s.sopClassUID, sopInstanceUID: s.sopInstanceUID };
    const why = failedWhy.get(s.sopInstanceUID);
    if (why !== undefined) out.failed.push({ ...id, reason: why });
    else if (stored.has(s.sopInstanceUID)) {
      const warning = stored.get(s.sopInstanceUID);
      out.stored.push(warning === undefined ? id : { ...id, warning });
    } else out.failed.push({ ...id, reason: "not acknowledged: the PACS's answer lists it neither as stored nor as failed" });
  }
  return out;
}
