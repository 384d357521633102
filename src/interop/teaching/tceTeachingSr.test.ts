import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dciodvfy, validatorSkipReason } from '../../../tests/support/dicomValidate';
import { teachingFieldsSchema } from '../../records';
import { deidentifyPackage } from '../deidentify/deidentifyPackage';
import { bytesContain, PLANTED, plantedCtBytes } from '../deidentify/plantedFixture';
import { decodePart10, type NaturalDataset } from '../part10';
import { writeTceTeachingSr } from './tceTeachingSr';

function studyFile(): NaturalDataset {
  const pkg = deidentifyPackage([{ name: 'ct1.dcm', bytes: plantedCtBytes(1) }], { salt: 'tce-sr', dateShiftDays: -20, pseudonym: { name: 'TEACHING^8', id: 'T8' } });
  const d = decodePart10(pkg.files[0]!.bytes, 'ct1');
  if (!d.ok) throw new Error(d.error);
  return d.value.dataset;
}
const fields = teachingFieldsSchema.parse({
  title: 'Lytic metastasis, L2',
  presentation: '64-year-old with renal cell carcinoma and back pain',
  findings: 'Expansile lytic lesion of the L2 body',
  discussion: 'Cryoablation with cementoplasty.',
  learningPoints: ['Protect the cord', 'Cover the margin'],
  level: 'advanced',
  tags: ['spine', 'cryoablation'],
});
const dir = mkdtempSync(join(tmpdir(), 'tce-sr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeTceTeachingSr', () => {
  it('writes each teaching field under its TCE concept, in the de-identified study, with the same UIDs for the same fields', async () => {
    const f = studyFile();
    const r = await writeTceTeachingSr({ studyFile: f, fields, softwareVersion: '1' });
    if (!r.ok) throw new Error(r.error);
    for (const v of Object.values(PLANTED)) expect(bytesContain(r.value.bytes, v), v).toBe(false);
    const d = decodePart10(r.value.bytes, 'sr');
    if (!d.ok) throw new Error(d.error);
    const ds = d.value.dataset;
    expect(ds.StudyInstanceUID).toBe(f.StudyInstanceUID);
    expect(ds.PatientIdentityRemoved).toBe('YES');
    const items = (ds.ContentSequence as NaturalDataset[]).map((i) => {
      const name = (i.ConceptNameCodeSequence as NaturalDataset[])[0]!.CodeValue as string;
      return i.ValueType === 'TEXT' ? `${name}=${String(i.TextValue)}` : `${name}=${String((i.ConceptCodeSequence as NaturalDataset[])[0]!.CodeValue)}`;
    });
    expect(items).toEqual([
      'TCE107=Lytic metastasis, L2',
      'TCE104=64-year-old with renal cell carcinoma and back pain',
      'TCE105=spine',
      'TCE105=cryoablation',
      '121071=Expansile lytic lesion of the L2 body',
      'TCE106=Cryoablation with cementoplasty.\r\n\r\nKey learning points:\r\n- Protect the cord\r\n- Cover the margin',
      'TCE109=TCE301',
      'TCE109=TCE307',
      'TCE110=TCE203',
    ]);
    const again = await writeTceTeachingSr({ studyFile: f, fields, softwareVersion: '1' });
    const changed = await writeTceTeachingSr({ studyFile: f, fields: { ...fields, level: 'primary' }, softwareVersion: '1' });
    if (!again.ok || !changed.ok) throw new Error('not written');
    expect(again.value.sopInstanceUID).toBe(r.value.sopInstanceUID);
    expect(changed.value.sopInstanceUID).not.toBe(r.value.sopInstanceUID);
    expect(changed.value.seriesInstanceUID).toBe(r.value.seriesInstanceUID);
  });

  it.skipIf(!!validatorSkipReason())('passes dciodvfy with no Error; dsrdump reads the TCE006 title and items', async () => {
    const r = await writeTceTeachingSr({ studyFile: studyFile(), fields, softwareVersion: '1' });
    if (!r.ok) throw new Error(r.error);
    const file = join(dir, 'sr.dcm');
    writeFileSync(file, r.value.bytes);
    const iod = await dciodvfy(file);
    expect(iod.errors, iod.output).toEqual([]);
    const dump = spawnSync('/usr/bin/dsrdump', ['+Pc', file], { encoding: 'utf8' });
    expect(dump.status, dump.stderr).toBe(0);
    expect(dump.stderr.split('\n').filter((l) => /^(E|F):/.test(l))).toEqual([]);
    expect(dump.stdout).toMatch(/<CONTAINER:\(TCE006,IHERADTF,"Additional Teaching File Information"\)=SEPARATE>/);
    expect(dump.stdout).toMatch(/<contains CODE:\(TCE110,IHERADTF,"Level"\)=\(TCE203,IHERADTF,"Advanced"\)>/);
  });
});
