import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { loadDemoPlan, readDemoStudy } from './loadDemoPlan';

describe('loading a demo study', () => {
  it('names the folder when the study was never generated', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'percuplan-demo-'));
    try {
      const r = await loadDemoPlan(dir, 'case3-spine-ct', defaultCatalogue());
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain(path.join(dir, 'case3-spine-ct'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the truth file when it lacks what the plans need', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'percuplan-demo-'));
    try {
      await mkdir(path.join(dir, 'case2-pelvis-ct'));
      await writeFile(path.join(dir, 'case2-pelvis-ct', 'truth.json'), JSON.stringify({ studyInstanceUID: '1.2' }));
      const r = await readDemoStudy(dir, 'case2-pelvis-ct');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/truth\.json: seriesInstanceUID: /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
