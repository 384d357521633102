import { createHash } from 'node:crypto';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { reducedStudy } from './reducedStudy';
import { encodeStudyFiles, renderStudy } from './renderStudy';
import { STUDIES } from './studies';
import type { StudyDefinition } from './studies/studyDefinition';

function generate(def: StudyDefinition): { hashes: string[]; truth: string; files: Uint8Array[] } {
  const rendered = renderStudy(def);
  const files = [...encodeStudyFiles(def, rendered)].map((f) => f.bytes);
  return { hashes: files.map((b) => createHash('sha256').update(b).digest('hex')), truth: JSON.stringify(rendered.truth), files };
}

describe('sample study generation', () => {
  it('gives identical bytes and truth when a (reduced) study is generated twice', () => {
    for (const key of ['case3-spine-ct', 'case2-cbct', 'case3-cbct'] as const) {
      const def = reducedStudy(STUDIES[key], 64, 6);
      const a = generate(def);
      const b = generate(def);
      expect(a.hashes).toHaveLength(6);
      expect(b.hashes, key).toEqual(a.hashes);
      expect(b.truth, key).toBe(a.truth);
      // And the reduced files are still readable CT images of the coarse grid.
      const ds = dicomParser.parseDicom(a.files[0]!);
      expect(ds.uint16('x00280010')).toBe(64);
      expect(ds.string('x00080016')).toBe('1.2.840.10008.5.1.4.1.1.2');
    }
  });

  it('changes the pixels but not the anatomy when only the noise seed changes', () => {
    const def = reducedStudy(STUDIES['case1-pelvis-ct'], 48, 4);
    const a = renderStudy(def);
    const b = renderStudy({ ...def, seed: def.seed + 1 });
    expect(b.truth).toEqual(a.truth);
    expect(b.volume.labels).toEqual(a.volume.labels);
    let same = 0;
    for (let i = 0; i < a.volume.hu.length; i++) if (a.volume.hu[i] === b.volume.hu[i]) same++;
    expect(same).toBeLessThan(a.volume.hu.length / 10);
  });
});
