import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths';

// The package's exports do not include package.json, so read it from node_modules.
const version = (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;

/**
 * A freshly initialised (empty) PGlite data directory, copied from a template made once per
 * PGlite version: PGlite's initdb takes several seconds, a copy a fraction of one. Returns the
 * path of a new directory `db` under `parent` (or under a new temporary directory).
 */
export async function freshPgliteDir(parent?: string): Promise<string> {
  const template = path.join(tmpdir(), `percuplan-pglite-template-${version}`);
  if (!existsSync(template)) {
    const { PGlite } = await import('@electric-sql/pglite');
    const staging = mkdtempSync(`${template}-staging-`);
    const db = await PGlite.create({ dataDir: path.join(staging, 'db') });
    await db.close();
    try {
      renameSync(path.join(staging, 'db'), template);
    } catch {
      // Another test process made it first; theirs is as good.
    }
    rmSync(staging, { recursive: true, force: true });
  }
  const dir = path.join(parent ?? mkdtempSync(path.join(tmpdir(), 'percuplan-pglite-')), 'db');
  cpSync(template, dir, { recursive: true });
  return dir;
}
