import type { DicomwebConfig } from './dicomwebConfig';

/** What the browser may know of the server's configuration (GET /api/config). */
export interface PublicConfig {
  dicomweb: { enabled: boolean; label?: string };
}

/** The public part of the configuration: whether a PACS is set up and its label, nothing secret. */
export function publicConfig(dicomweb: DicomwebConfig | undefined): PublicConfig {
  return { dicomweb: dicomweb ? { enabled: true, label: dicomweb.label } : { enabled: false } };
}
