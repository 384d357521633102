import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GROW_OPTIONS, DEFAULT_MANUAL_HU_RANGE } from './growOptions';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('the lesion grow defaults are written once, in growOptions.ts', () => {
  it('are the values the viewer, the bridge and the demo plans were tuned with', () => {
    expect([DEFAULT_GROW_OPTIONS.huRange, DEFAULT_GROW_OPTIONS.maxVolumeMl, DEFAULT_GROW_OPTIONS.maxDistanceMm]).toEqual(['auto', 300, 60]);
    expect(DEFAULT_MANUAL_HU_RANGE).toEqual([-20, 90]);
  });

  it('no other source file of the viewer, the tools or the demo plans writes a lesion leak limit or HU range as a number', () => {
    // The structure grow (planning/structures/growRegion.ts) has its own defaults, DEFAULT_REGION_GROW.
    const files = ['ui', 'imaging', 'server/demo', 'app'].flatMap((d) => sources(path.join(src, d)));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${path.relative(src, f)}:${i + 1}` }))
        .filter(({ line }) => /\b(maxVolumeMl|maxDistanceMm)\s*([:=]|\?\?)\s*-?\d|huRange\s*[:=][^\n]*\[\s*-?\d+\s*,\s*-?\d+\s*\]|'auto'\s*:\s*\[\s*-?\d/.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
