import { decodePart10, encodePart10, type NaturalDataset } from '../part10';
import { deidentify, type DeidentifyChange } from './deidentify';
import { uidMapperFor } from './uidMap';

/** One DICOM file to de-identify, by name. */
export interface PackageFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** One patient's files are de-identified together: one salt, one date shift, one pseudonym. */
export interface PackageOptions {
  /** Secret per teaching case: the UID mapping (deidentifiedUid) is keyed by it. */
  readonly salt: string;
  readonly dateShiftDays: number | null;
  readonly pseudonym: { readonly name: string; readonly id: string };
  /** Names of files whose burned-in text the caller has blanked (Clean Pixel Data). */
  readonly pixelsCleaned?: ReadonlySet<string>;
}

/** A de-identified file, with what changed in it for the preview. */
export interface PackagedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly sopInstanceUID: string;
  readonly changes: readonly DeidentifyChange[];
}

/** The outcome for a set of files: what was made, what was refused and why, dangling references. */
export interface PackageResult {
  readonly files: readonly PackagedFile[];
  readonly refused: readonly { readonly name: string; readonly reason: string }[];
  /** "file: path = uid" for each Referenced SOP Instance UID naming no instance of the package. */
  readonly unresolvedReferences: readonly string[];
}

/**
 * De-identifies one patient's files (CT slices, SEG, SR, KOS) with one UID mapping, so every
 * reference between them still resolves, and reports per file what changed and which files
 * were refused (unreadable, or pixels that may show burned-in text). Nothing is refused
 * silently: the preview shows each refusal with the file's name.
 */
export function deidentifyPackage(files: readonly PackageFile[], options: PackageOptions): PackageResult {
  const uidMap = uidMapperFor(options.salt);
  const made: { file: PackagedFile; dataset: NaturalDataset }[] = [];
  const refused: { name: string; reason: string }[] = [];
  for (const f of files) {
    const read = decodePart10(f.bytes, f.name);
    if (!read.ok) {
      refused.push({ name: f.name, reason: read.error });
      continue;
    }
    const r = deidentify(read.value.dataset, {
      fileName: f.name,
      uidMap,
      dateShiftDays: options.dateShiftDays,
      pseudonym: options.pseudonym,
      pixelsCleaned: options.pixelsCleaned?.has(f.name) ?? false,
    });
    if (!r.ok) {
      refused.push({ name: f.name, reason: r.error });
      continue;
    }
    const sop = typeof r.value.dataset.SOPInstanceUID === 'string' ? r.value.dataset.SOPInstanceUID : '';
    made.push({ file: { name: f.name, bytes: encodePart10(r.value.dataset), sopInstanceUID: sop, changes: r.value.changes }, dataset: r.value.dataset });
  }
  const instances = new Set(made.map((m) => m.file.sopInstanceUID));
  const unresolvedReferences = made.flatMap((m) =>
    referencedInstances(m.dataset, '')
      .filter(([, uid]) => !instances.has(uid))
      .map(([path, uid]) => `${m.file.name}: ${path} = ${uid}`),
  );
  return { files: made.map((m) => m.file), refused, unresolvedReferences };
}

/** [path, uid] of every Referenced SOP Instance UID at any depth. */
function referencedInstances(ds: NaturalDataset, prefix: string): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(ds)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (key === 'ReferencedSOPInstanceUID') {
      for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string' && v !== '') out.push([path, v]);
    } else if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        if (typeof item === 'object' && item !== null && !(item instanceof ArrayBuffer) && !ArrayBuffer.isView(item) && !('Alphabetic' in item)) {
          out.push(...referencedInstances(item as NaturalDataset, `${path}[${i}]`));
        }
      });
    }
  }
  return out;
}
