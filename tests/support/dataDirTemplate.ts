import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { freshPgliteDir } from './pgliteTemplate';

/**
 * Set by scripts/test.sh to a folder that lives for one `npm test` run. Only then are seeded
 * data folders shared between test files: within one run the code, the migrations and the
 * sample studies cannot change, so a folder seeded by the first server is exactly what every
 * later server would have seeded. A targeted `npx vitest run` seeds afresh, as before.
 */
export const TEST_CACHE_ENV = 'PERCUPLAN_TEST_CACHE';

/**
 * The caller settings under which a seeded folder is shared. The demo cases and plans are built
 * from the embedded sample studies only (the series volumes look in the embedded source before
 * any PACS), so the PACS settings, read per request, do not change what a fresh folder holds.
 * Any other setting (sign-on, accounts, a sample folder of the test's own) gets no shared folder.
 */
const SHAREABLE = new Set(['DATA_DIR', 'DICOMWEB_URL', 'DICOMWEB_LABEL', 'PERCUPLAN_DEMO', 'PERCUPLAN_REFERENCE_EXERCISES']);

function isEmptyOrAbsent(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/** Whether a server started with these settings seeds the demo plans on the sample studies. */
function seedsDemoPlans(callerEnv: Record<string, string>, samples: boolean): boolean {
  const demo = (callerEnv.PERCUPLAN_DEMO ?? process.env.PERCUPLAN_DEMO)?.trim() !== '0';
  return samples && demo && Object.keys(callerEnv).every((k) => SHAREABLE.has(k));
}

/**
 * Fills an empty (or absent) server data folder before the server starts, so that it starts
 * as it would on that empty folder, minus work another server already did:
 *
 * - always, an initialised empty PGlite cluster (PGlite's initdb takes seconds; the copy is
 *   what tests/support/pgliteTemplate.ts gives every other suite);
 * - during `npm test` ({@link TEST_CACHE_ENV} set), for a server that seeds the demo plans on
 *   the sample studies, a copy of a folder that a real server started on with the same
 *   settings and closed: migrated, demo cases and demo plans seeded (ten seconds or more per
 *   server). `makeTemplate` starts and closes that server, once per run.
 *
 * Does nothing to a folder that holds anything, or when the records live in PostgreSQL (DATABASE_URL).
 */
export async function prepareDataDir(
  dataDir: string,
  callerEnv: Record<string, string>,
  samples: boolean,
  makeTemplate: (templateDataDir: string) => Promise<void>,
): Promise<void> {
  if (!isEmptyOrAbsent(dataDir) || callerEnv.DATABASE_URL || process.env.DATABASE_URL) return;
  const cache = process.env[TEST_CACHE_ENV];
  if (!cache || !seedsDemoPlans(callerEnv, samples)) {
    mkdirSync(dataDir, { recursive: true });
    await freshPgliteDir(dataDir);
    return;
  }
  const template = path.join(cache, 'data-demo-seeded');
  if (!existsSync(template)) {
    mkdirSync(cache, { recursive: true });
    const staging = mkdtempSync(`${template}-staging-`);
    try {
      await freshPgliteDir(staging);
      await makeTemplate(staging);
      renameSync(staging, template);
    } catch (e) {
      rmSync(staging, { recursive: true, force: true });
      // Another test process made it first: theirs is as good. Anything else is the server's
      // own failure, which the real start below reports in its own words.
      if (!existsSync(template)) {
        console.warn(`[test data] no seeded template (${e instanceof Error ? e.message : String(e)}); starting on an empty folder`);
        mkdirSync(dataDir, { recursive: true });
        await freshPgliteDir(dataDir);
        return;
      }
    }
  }
  cpSync(template, dataDir, { recursive: true });
}
