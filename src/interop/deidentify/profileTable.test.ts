import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import dcmjs from 'dcmjs';
import { sampleDir, sharedDicom, sharedSkipReason } from '../../../tests/support/paths';
import { decodePart10, type NaturalDataset } from '../part10';
import { attributeInfo } from './attributeInfo';
import { optionAction } from './profileRow';
import { PROFILE_TABLE, profileRowForTag } from './profileTable';

const row = (tag: string): readonly unknown[] | undefined => profileRowForTag(tag);

describe('PS3.15 Table E.1-1 as data', () => {
  it('has 620 rows with unique tags in tag order, each keyword naming its tag in dcmjs where dcmjs knows it', () => {
    expect(PROFILE_TABLE.length).toBe(620);
    const tags = PROFILE_TABLE.map((r) => r[0]);
    expect(new Set(tags).size).toBe(620);
    expect([...tags].sort()).toEqual(tags);
    const { nameMap } = dcmjs.data.DicomMetaDictionary;
    for (const [tag, keyword] of PROFILE_TABLE) {
      const entry = nameMap[keyword];
      if (entry && !tag.includes('X')) expect(entry.tag.replace(/[(),]/g, '').toUpperCase(), keyword).toBe(tag);
    }
  });

  it('holds the rows of the standard checked by hand (PS3.15 2024b, Table E.1-1)', () => {
    expect(row('00100010')).toEqual(['00100010', 'PatientName', 'Z']);
    expect(row('00100030')?.[2]).toBe('Z'); // Patient's Birth Date: not a longitudinal date
    expect(row('00080050')?.[2]).toBe('Z'); // Accession Number
    expect(row('0020000D')?.[2]).toBe('U');
    expect(row('00080018')?.[2]).toBe('U');
    expect(row('00200052')?.[2]).toBe('U');
    expect(row('00081155')?.[2]).toBe('U');
    expect(row('00080090')?.[2]).toBe('Z'); // Referring Physician's Name
    expect(row('00080080')?.[2]).toBe('X/Z/D'); // Institution Name
    const sex = profileRowForTag('00100040')!;
    expect([sex[2], optionAction(sex, 'P')]).toEqual(['Z', 'K']);
    const weight = profileRowForTag('00101030')!;
    expect([weight[2], optionAction(weight, 'P')]).toEqual(['X', 'K']);
    const studyDate = profileRowForTag('00080020')!;
    expect([studyDate[2], optionAction(studyDate, 'M')]).toEqual(['Z', 'C']);
    const content = profileRowForTag('0040A730')!;
    expect([content[2], optionAction(content, 'S')]).toEqual(['D', 'C']);
    const seriesDescription = profileRowForTag('0008103E')!;
    expect([seriesDescription[2], optionAction(seriesDescription, 'D')]).toEqual(['X', 'C']);
    expect(optionAction(seriesDescription, 'P')).toBeNull();
  });

  it('matches repeating groups: overlay data and comments in any 60xx group, curve data in 50xx', () => {
    expect(profileRowForTag('60023000')?.[1]).toBe('OverlayData');
    expect(profileRowForTag('601E4000')?.[1]).toBe('OverlayComments');
    expect(profileRowForTag('50000010')?.[1]).toBe('CurveData');
    expect(profileRowForTag('60020010')).toBeUndefined(); // overlay rows: not identifying
  });
});

const dicomUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? dicomUnder(p) : p.endsWith('.dcm') ? [p] : [];
  });

/** Keys with VR PN at any depth of `ds`, as "keyword (tag)". */
function personNameTags(ds: NaturalDataset, out: Map<string, string>): void {
  for (const [key, value] of Object.entries(ds)) {
    const info = attributeInfo(ds, key);
    if (info.kind !== 'known') continue;
    if (info.vr === 'PN') out.set(info.tag, key);
    if (info.vr === 'SQ' && Array.isArray(value)) for (const item of value as NaturalDataset[]) personNameTags(item, out);
  }
}

describe('coverage of the files PercuPlan meets', () => {
  it('every person-name attribute in ../shared/dicom and the sample CT has a row', (ctx) => {
    const skip = sharedSkipReason('the table coverage check');
    if (skip) {
      ctx.skip();
      return;
    }
    const sample = path.join(sampleDir, 'case3-spine-ct', 'IM0001.dcm');
    const files = [...dicomUnder(sharedDicom), ...(existsSync(sample) ? [sample] : [])];
    const names = new Map<string, string>();
    let read = 0;
    for (const f of files) {
      const r = decodePart10(new Uint8Array(readFileSync(f)), f);
      if (!r.ok) continue;
      read++;
      personNameTags(r.value.dataset, names);
    }
    expect(read).toBeGreaterThan(100);
    expect(names.size).toBeGreaterThan(3);
    const missing = [...names].filter(([tag]) => !profileRowForTag(tag)).map(([tag, k]) => `${k} (${tag})`);
    expect(missing).toEqual([]);
  });
});
