import type { KeyImagePurpose } from '../../records';

/** What decides whether a case's key images can leave as DICOM. */
export interface KeyImageExportState {
  /** The account may export identifiable DICOM (`export.identifiable`: attendings). */
  readonly exportIdentifiable: boolean;
  /** How many key images of the case have this purpose. */
  readonly count: number;
  readonly purpose: KeyImagePurpose;
  /** The configured PACS's label, null when none, undefined while asking (only for sending). */
  readonly pacs?: string | null;
}

const PURPOSE_NAMES: Readonly<Record<KeyImagePurpose, string>> = { board: 'tumour board', teaching: 'teaching' };

/**
 * Why "Download DICOM" or "Send to PACS" is off for one purpose, or undefined when it is on:
 * the role first (the server refuses it anyway), then nothing to export, then (sending) no PACS.
 */
export function keyImageExportBlock(s: KeyImageExportState, action: 'download' | 'send'): string | undefined {
  if (!s.exportIdentifiable) return 'Only attendings export DICOM that carries the patient (export.identifiable)';
  if (s.count === 0) return `No ${PURPOSE_NAMES[s.purpose]} key images on this case yet: save one from the study view (K)`;
  if (action === 'send' && s.pacs === null) return 'No PACS is configured on the server (DICOMWEB_URL)';
  if (action === 'send' && s.pacs === undefined) return 'Asking the server for its PACS…';
  return undefined;
}
