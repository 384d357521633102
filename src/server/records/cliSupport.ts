import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../config';
import { openRecordsRepository } from './openRecordStore';
import type { RecordsRepository } from './recordsRepository';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Logs of the CLIs go to stderr, so that `export -` can write the data to stdout. */
export const cliLog = (message: string): void => console.error(message);

/**
 * Opens the records database the server would use, from the same environment (DATA_DIR,
 * DATABASE_URL) and the same defaults. The embedded database allows one process at a time:
 * with the server running, this fails with a message saying so.
 */
export async function openCliRepository(): Promise<RecordsRepository> {
  const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const config = readConfig(process.env, repoRoot, pkg.version);
  return openRecordsRepository(process.env, config.dataDir, cliLog);
}

/** Runs a CLI's main function: prints a failure's message (not a stack) and sets the exit code. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      cliLog(`error: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
