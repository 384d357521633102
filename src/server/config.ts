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
 * Reads the configuration. Throws with a message naming the variable when a value is unusable,
 * and refuses a non-loopback HOST: there are no user accounts yet, so the server must not be
 * reachable from other machines.
 */
export function readConfig(env: NodeJS.ProcessEnv, repoRoot: string, version: string): ServerConfig {
  const host = env.HOST?.trim() || '127.0.0.1';
  const portText = env.PORT?.trim() || '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${portText}"`);
  }
  if (!isLoopback(host)) {
    throw new Error(
      `HOST=${host} would expose patient images to the network, but user accounts are not configured. ` +
        'PercuPlan only listens on a loopback address (127.0.0.1, localhost or ::1) for now.',
    );
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
