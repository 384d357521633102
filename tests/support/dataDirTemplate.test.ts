import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_CACHE_ENV, prepareDataDir } from './dataDirTemplate';

const root = mkdtempSync(path.join(tmpdir(), 'percuplan-datadir-template-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let saved: string | undefined;
let n = 0;
const fresh = (): string => path.join(root, `data-${++n}`);

/** A stand-in for "start a server on the folder and close it": leaves a marker and counts calls. */
function fakeServer(): { calls: string[]; make: (dir: string) => Promise<void> } {
  const calls: string[] = [];
  return {
    calls,
    make: async (dir) => {
      calls.push(dir);
      writeFileSync(path.join(dir, 'seeded.txt'), `seeded ${calls.length}`);
    },
  };
}

beforeEach(() => {
  saved = process.env[TEST_CACHE_ENV];
  delete process.env[TEST_CACHE_ENV];
});
afterEach(() => {
  if (saved === undefined) delete process.env[TEST_CACHE_ENV];
  else process.env[TEST_CACHE_ENV] = saved;
});

describe('prepareDataDir', () => {
  it('outside npm test, gives an empty folder an initialised PGlite cluster and starts no template server', async () => {
    const dir = fresh();
    const server = fakeServer();
    await prepareDataDir(dir, { DATA_DIR: dir }, true, server.make);
    expect(server.calls).toEqual([]);
    // initdb writes PG_VERSION at the top of every PostgreSQL data directory.
    expect(existsSync(path.join(dir, 'db', 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dir, 'seeded.txt'))).toBe(false);
  }, 120_000);

  it('in npm test, seeds one template per run and copies it into every later empty folder', async () => {
    process.env[TEST_CACHE_ENV] = path.join(root, 'cache-a');
    const server = fakeServer();
    const a = fresh();
    const b = fresh();
    await prepareDataDir(a, { DATA_DIR: a }, true, server.make);
    await prepareDataDir(b, { DATA_DIR: b, DICOMWEB_URL: 'http://127.0.0.1:1/dicom-web', DICOMWEB_LABEL: 'PACS' }, true, server.make);
    expect(server.calls).toHaveLength(1);
    for (const d of [a, b]) {
      expect(readFileSync(path.join(d, 'seeded.txt'), 'utf8')).toBe('seeded 1');
      expect(existsSync(path.join(d, 'db', 'PG_VERSION'))).toBe(true);
    }
    // The template server ran on a staging folder, not on the test's own.
    expect([a, b]).not.toContain(server.calls[0]);
  }, 120_000);

  it('shares nothing for settings the seeded folder could depend on, without samples, or with demo content off', async () => {
    process.env[TEST_CACHE_ENV] = path.join(root, 'cache-b');
    const server = fakeServer();
    const cases: [Record<string, string>, boolean][] = [
      [{ OIDC_ISSUER: 'http://127.0.0.1:1' }, true],
      [{ SAMPLE_DIR: path.join(root, 'own-samples') }, true],
      [{}, false],
      [{ PERCUPLAN_DEMO: '0' }, true],
    ];
    for (const [env, samples] of cases) {
      const dir = fresh();
      await prepareDataDir(dir, { ...env, DATA_DIR: dir }, samples, server.make);
      expect(existsSync(path.join(dir, 'seeded.txt'))).toBe(false);
      expect(existsSync(path.join(dir, 'db', 'PG_VERSION'))).toBe(true);
    }
    expect(server.calls).toEqual([]);
  }, 120_000);

  it('leaves a folder that already holds anything as it is, and does nothing for PostgreSQL', async () => {
    process.env[TEST_CACHE_ENV] = path.join(root, 'cache-c');
    const server = fakeServer();
    const used = fresh();
    mkdirSync(used);
    writeFileSync(path.join(used, 'keep.txt'), 'x');
    await prepareDataDir(used, { DATA_DIR: used }, true, server.make);
    expect(readdirSync(used)).toEqual(['keep.txt']);
    const pg = fresh();
    await prepareDataDir(pg, { DATA_DIR: pg, DATABASE_URL: 'postgres://127.0.0.1:1/x' }, true, server.make);
    expect(existsSync(pg)).toBe(false);
    expect(server.calls).toEqual([]);
  }, 120_000);
});
