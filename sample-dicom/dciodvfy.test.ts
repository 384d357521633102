import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLE_DIR, ensureSampleStudies } from './ensureSampleStudies';
import { STUDY_KEYS } from './studyKeys';
import { imageFiles } from './testSupport/readSeries';

const DCIODVFY = '/usr/bin/dciodvfy';
const available = existsSync(DCIODVFY);
if (!available) console.warn(`[dciodvfy.test] ${DCIODVFY} not found (Debian package dicom3tools): skipping IOD validation of the sample studies`);

const run = promisify(execFile);

/** dciodvfy's report of one file (it writes to stderr; exit status is not a verdict). */
async function validate(file: string): Promise<string[]> {
  try {
    const { stdout, stderr } = await run(DCIODVFY, [file], { maxBuffer: 1 << 20 });
    return `${stdout}\n${stderr}`.split('\n');
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    if (err.stdout === undefined && err.stderr === undefined) throw e;
    return `${err.stdout ?? ''}\n${err.stderr ?? ''}`.split('\n');
  }
}

describe.skipIf(!available)('dciodvfy', () => {
  beforeAll(async () => {
    await ensureSampleStudies();
  });

  it('finds no errors in any sample image', async () => {
    const files = STUDY_KEYS.flatMap((k) => imageFiles(path.join(DEFAULT_SAMPLE_DIR, k)));
    expect(files.length).toBeGreaterThan(600);
    const errors: string[] = [];
    const warnings = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < files.length; i = next++) {
        const file = files[i]!;
        for (const line of await validate(file)) {
          if (line.startsWith('Error')) errors.push(`${path.relative(DEFAULT_SAMPLE_DIR, file)}: ${line}`);
          else if (line.startsWith('Warning')) warnings.set(line, (warnings.get(line) ?? 0) + 1);
        }
      }
    };
    await Promise.all([worker(), worker()]);
    if (warnings.size > 0) console.log(`dciodvfy warnings:\n${[...warnings].map(([w, n]) => `  ${n} x ${w}`).join('\n')}`);
    expect(errors, errors.slice(0, 50).join('\n')).toEqual([]);
  }, 600_000);
});
