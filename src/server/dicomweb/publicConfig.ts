import type { DicomwebConfig } from './dicomwebConfig';

/** What the browser may know of the server's configuration (GET /api/config). */
export interface PublicConfig {
  dicomweb: { enabled: boolean; label?: string };
  /** The embedded sample source: its folder, and why it could not be read (null when it was). */
  embedded: { folder: string; problem: string | null };
}

/**
 * The public part of the configuration: whether a PACS is set up and its label, nothing secret;
 * and the embedded source's folder with its problem, so the worklist can say why it is empty
 * (the app blanks the folder for a request that is not signed in, since the route is public).
 */
export function publicConfig(dicomweb: DicomwebConfig | undefined, embedded: PublicConfig['embedded']): PublicConfig {
  return { dicomweb: dicomweb ? { enabled: true, label: dicomweb.label } : { enabled: false }, embedded };
}
