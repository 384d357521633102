import path from 'node:path';
import { readDicomwebConfig, type DicomwebConfig } from './dicomweb/dicomwebConfig';

/** Server settings, from the environment with the product's embedded defaults. */
export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  sampleDir: string;
  distDir: string;
  version: string;
  /** The PACS reached over DICOMweb, when DICOMWEB_URL is set. */
  dicomweb?: DicomwebConfig;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** True when the address only accepts connections from this machine. */
export const isLoopback = (host: string): boolean => LOOPBACK.has(host) || host.startsWith('127.');

/**
 * Refuses a non-loopback HOST unless sign-in applies (an account exists or OIDC is configured):
 * without it every request would be the local user, and patient images would be open to the
 * network. Checked once the records database is open, since accounts live there.
 */
export function checkExposure(host: string, loginApplies: boolean): void {
  if (isLoopback(host) || loginApplies) return;
  throw new Error(
    `HOST=${host} would expose patient images to the network, but user accounts are not configured. ` +
      'Add an account first (npm run users -- add <username> --role attending) or configure hospital sign-on (OIDC_ISSUER…); ' +
      'until then PercuPlan only listens on a loopback address (127.0.0.1, localhost or ::1).',
  );
}

/**
 * Reads the configuration. Throws with a message naming the variable when a value is unusable.
 * Whether a non-loopback HOST may be used is decided later, by {@link checkExposure}.
 */
export function readConfig(env: NodeJS.ProcessEnv, repoRoot: string, version: string): ServerConfig {
  const host = env.HOST?.trim() || '127.0.0.1';
  const portText = env.PORT?.trim() || '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${portText}"`);
  }
  return {
    host,
    port,
    dataDir: path.resolve(repoRoot, env.DATA_DIR?.trim() || 'data'),
    sampleDir: path.resolve(repoRoot, env.SAMPLE_DIR?.trim() || 'sample-dicom/generated'),
    distDir: path.resolve(repoRoot, 'dist'),
    version,
    dicomweb: readDicomwebConfig(env),
  };
}
