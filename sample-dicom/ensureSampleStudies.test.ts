import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isStudyComplete } from './ensureSampleStudies';
import { GENERATOR_VERSION } from './truth';

const dir = mkdtempSync(path.join(tmpdir(), 'pp-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('isStudyComplete', () => {
  const folder = path.join(dir, 'case3-spine-ct');
  mkdirSync(folder);
  const truth = (over: Record<string, unknown> = {}) =>
    writeFileSync(path.join(folder, 'truth.json'), JSON.stringify({ key: 'case3-spine-ct', generatorVersion: GENERATOR_VERSION, geometry: { sliceCount: 2 }, ...over }));

  it('needs truth.json, the current generator version and every image', () => {
    expect(isStudyComplete(folder, 'case3-spine-ct')).toBe(false);
    writeFileSync(path.join(folder, 'IM0001.dcm'), 'x');
    truth();
    expect(isStudyComplete(folder, 'case3-spine-ct')).toBe(false);
    writeFileSync(path.join(folder, 'IM0002.dcm'), 'x');
    expect(isStudyComplete(folder, 'case3-spine-ct')).toBe(true);
    expect(isStudyComplete(folder, 'case2-cbct')).toBe(false);
    truth({ generatorVersion: GENERATOR_VERSION - 1 });
    expect(isStudyComplete(folder, 'case3-spine-ct')).toBe(false);
    writeFileSync(path.join(folder, 'truth.json'), '{ truncated');
    expect(isStudyComplete(folder, 'case3-spine-ct')).toBe(false);
  });
});
