import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dciodvfy, dsrdump, validatorSkipReason } from '../../../tests/support/dicomValidate';
import { deidentifyPackage } from '../deidentify/deidentifyPackage';
import { bytesContain, PLANTED, plantedCtBytes } from '../deidentify/plantedFixture';
import { decodePart10, type NaturalDataset } from '../part10';
import { writeTceManifest, type TceInstance } from './tceManifest';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const COMPREHENSIVE_3D_SR = '1.2.840.10008.5.1.4.1.1.88.34';

/** Two planted CT slices de-identified as a teaching case would be, plus an SR of the plan in another series. */
function teachingFiles(): { first: NaturalDataset; instances: TceInstance[] } {
  const pkg = deidentifyPackage(
    [
      { name: 'ct1.dcm', bytes: plantedCtBytes(1) },
      { name: 'ct2.dcm', bytes: plantedCtBytes(2) },
    ],
    { salt: 'tce-test', dateShiftDays: -20, pseudonym: { name: 'TEACHING^7', id: 'T7' } },
  );
  const decoded = pkg.files.map((f) => {
    const d = decodePart10(f.bytes, f.name);
    if (!d.ok) throw new Error(d.error);
    return d.value.dataset;
  });
  const first = decoded[0]!;
  const instances: TceInstance[] = decoded.map((d) => ({
    studyInstanceUID: d.StudyInstanceUID as string,
    seriesInstanceUID: d.SeriesInstanceUID as string,
    sopClassUID: d.SOPClassUID as string,
    sopInstanceUID: d.SOPInstanceUID as string,
  }));
  instances.push({ studyInstanceUID: instances[0]!.studyInstanceUID, seriesInstanceUID: '2.25.77', sopClassUID: COMPREHENSIVE_3D_SR, sopInstanceUID: '2.25.78' });
  return { first, instances };
}

const dir = mkdtempSync(join(tmpdir(), 'tce-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeTceManifest', () => {
  it('lists every instance by study and series, titled TCE001, in a new series of the de-identified study, with the pseudonym only', async () => {
    const { first, instances } = teachingFiles();
    const r = await writeTceManifest({ studyFile: first, instances, title: 'Lytic metastasis, L2', softwareVersion: '1.0' });
    if (!r.ok) throw new Error(r.error);
    for (const v of Object.values(PLANTED)) expect(bytesContain(r.value.bytes, v), v).toBe(false);
    const d = decodePart10(r.value.bytes, 'ko');
    if (!d.ok) throw new Error(d.error);
    const ds = d.value.dataset;
    expect(ds.ConceptNameCodeSequence).toMatchObject([{ CodeValue: 'TCE001', CodingSchemeDesignator: 'IHERADTF', CodeMeaning: 'For Teaching File Export' }]);
    expect(ds.StudyInstanceUID).toBe(first.StudyInstanceUID);
    expect(ds.SeriesInstanceUID).not.toBe(first.SeriesInstanceUID);
    expect(ds.PatientName).toEqual(first.PatientName);
    expect(ds.PatientIdentityRemoved).toBe('YES');
    // The study's shifted date (2024-02-29 minus 20 days), not today's.
    expect(ds.ContentDate).toBe('20240209');
    const evidence = ds.CurrentRequestedProcedureEvidenceSequence as NaturalDataset[];
    expect(evidence).toHaveLength(1);
    const series = evidence[0]!.ReferencedSeriesSequence as NaturalDataset[];
    expect(series.map((s) => s.SeriesInstanceUID)).toEqual([instances[0]!.seriesInstanceUID, '2.25.77']);
    expect((series[0]!.ReferencedSOPSequence as NaturalDataset[]).map((s) => s.ReferencedSOPInstanceUID)).toEqual([instances[0]!.sopInstanceUID, instances[1]!.sopInstanceUID]);
    const items = ds.ContentSequence as NaturalDataset[];
    expect(items.map((i) => i.ValueType)).toEqual(['TEXT', 'IMAGE', 'IMAGE', 'COMPOSITE']);
    expect(items[0]!.TextValue).toBe('Lytic metastasis, L2');
    expect(instances[0]!.sopClassUID).toBe(CT);
  });

  it('gives the same UIDs and bytes for the same content, new ones for another title or selection', async () => {
    const { first, instances } = teachingFiles();
    const a = await writeTceManifest({ studyFile: first, instances, title: 'A', softwareVersion: '1.0' });
    const b = await writeTceManifest({ studyFile: first, instances, title: 'A', softwareVersion: '1.0' });
    const c = await writeTceManifest({ studyFile: first, instances, title: 'B', softwareVersion: '1.0' });
    const e = await writeTceManifest({ studyFile: first, instances: instances.slice(0, 2), title: 'A', softwareVersion: '1.0' });
    if (!a.ok || !b.ok || !c.ok || !e.ok) throw new Error('not written');
    expect(b.value.sopInstanceUID).toBe(a.value.sopInstanceUID);
    expect(Buffer.from(b.value.bytes).equals(Buffer.from(a.value.bytes))).toBe(true);
    expect(c.value.sopInstanceUID).not.toBe(a.value.sopInstanceUID);
    expect(e.value.sopInstanceUID).not.toBe(a.value.sopInstanceUID);
    expect(c.value.seriesInstanceUID).toBe(a.value.seriesInstanceUID);
  });

  it('refuses an empty selection and a study file of another study', async () => {
    const { first, instances } = teachingFiles();
    expect((await writeTceManifest({ studyFile: first, instances: [], title: '', softwareVersion: '1' })).ok).toBe(false);
    const other = instances.map((i) => ({ ...i, studyInstanceUID: '2.25.1' }));
    expect((await writeTceManifest({ studyFile: first, instances: other, title: '', softwareVersion: '1' })).ok).toBe(false);
  });

  it.skipIf(!!validatorSkipReason())('passes dciodvfy with no Error; dsrdump shows the TCE001 title', async () => {
    const { first, instances } = teachingFiles();
    const r = await writeTceManifest({ studyFile: first, instances, title: 'Lytic metastasis, L2', softwareVersion: '1.0' });
    if (!r.ok) throw new Error(r.error);
    const file = join(dir, 'ko.dcm');
    writeFileSync(file, r.value.bytes);
    const iod = await dciodvfy(file);
    expect(iod.errors, iod.output).toEqual([]);
    // dcmtk has no rules for the TCE001 title's template use and says so as a warning; nothing else may be said.
    const sr = await dsrdump(file);
    const complaints = sr.output.split('\n').filter((l) => /^(E|W|F):/.test(l) && !/template constraints not yet supported/.test(l));
    expect(complaints, sr.output).toEqual([]);
    const codes = spawnSync('/usr/bin/dsrdump', ['+Pc', file], { encoding: 'utf8' });
    expect(codes.stdout).toMatch(/<CONTAINER:\(TCE001,IHERADTF,"For Teaching File Export"\)=SEPARATE>/);
  });
});
