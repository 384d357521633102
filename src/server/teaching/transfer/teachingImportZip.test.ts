import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deidentifyPackage } from '../../../interop/deidentify/deidentifyPackage';
import { plantedCtBytes } from '../../../interop/deidentify/plantedFixture';
import { decodePart10 } from '../../../interop/part10';
import { caseContentSchema, teachingFieldsSchema, type TeachingCase } from '../../../records';
import { teachingExportDoc, teachingZipName } from './teachingExportZip';
import { readTeachingImport, teachingZipPath } from './teachingImportZip';

/** Two de-identified planted CT slices with their identities, as the file store lists them. */
function files() {
  const pkg = deidentifyPackage(
    [1, 2].map((n) => ({ name: `ct${n}.dcm`, bytes: plantedCtBytes(n) })),
    { salt: 'import-zip', dateShiftDays: -3, pseudonym: { name: 'TEACHING^1', id: 'T1' } },
  );
  return pkg.files.map((f) => {
    const d = decodePart10(f.bytes, f.name);
    if (!d.ok) throw new Error(d.error);
    const ds = d.value.dataset;
    return { bytes: f.bytes, id: { studyInstanceUID: String(ds.StudyInstanceUID), seriesInstanceUID: String(ds.SeriesInstanceUID), sopInstanceUID: f.sopInstanceUID } };
  });
}

const at = '2026-12-01T10:00:00.000Z';
const teachingCase = (series: string, study: string): TeachingCase => ({
  id: '11111111-1111-4111-8111-111111111111',
  version: 2,
  status: 'published',
  fields: teachingFieldsSchema.parse({ title: 'T' }),
  case: caseContentSchema.parse({ patient: { pseudonym: 'TEACH-1', pseudonymous: true } }),
  plans: [],
  studies: [{ studyInstanceUID: study, description: '', series: [{ seriesInstanceUID: series, modality: 'CT', description: '', frameOfReferenceUID: null, instances: 2 }] }],
  deidentification: { methods: [], files: 2, refused: [] },
  source: { caseId: '22222222-2222-4222-8222-222222222222', caseVersion: 1 },
  teachingPacs: null,
  createdAt: at,
  createdBy: 'att',
  updatedAt: at,
  updatedBy: 'att',
});

function zipOf(entries: Record<string, Uint8Array>, listed?: string[]): Uint8Array {
  const f = files();
  const paths = Object.keys(entries).filter((p) => p.startsWith('dicom/'));
  const doc = teachingExportDoc(teachingCase(f[0]!.id.seriesInstanceUID, f[0]!.id.studyInstanceUID), listed ?? paths, 'test', at);
  return zipSync({ ...entries, 'teaching-case.json': strToU8(JSON.stringify(doc)) });
}

describe('readTeachingImport', () => {
  it('accepts the files of an export, keeping their UIDs', () => {
    const f = files();
    const r = readTeachingImport(zipOf(Object.fromEntries(f.map((x) => [teachingZipPath(x.id), x.bytes]))));
    if (!r.ok) throw new Error(r.error.error);
    expect(r.value.files.map((x) => x.sopInstanceUID)).toEqual(f.map((x) => x.id.sopInstanceUID));
    expect(r.value.doc.teachingCase).not.toHaveProperty('source');
  });

  it('refuses a file whose SOP Instance UID is not that of its name, and a DICOM file not listed, naming both', () => {
    const f = files();
    const swapped = teachingZipPath({ ...f[0]!.id, sopInstanceUID: '2.25.9' });
    const r = readTeachingImport(zipOf({ [swapped]: f[0]!.bytes, [teachingZipPath(f[1]!.id)]: f[1]!.bytes }, [swapped]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.status).toBe(422);
    expect(r.error.issues).toEqual([
      `${swapped}: its SOP Instance UID is ${f[0]!.id.sopInstanceUID}, not the 2.25.9 of its name`,
      `${teachingZipPath(f[1]!.id)}: in the zip but not listed in teaching-case.json`,
    ]);
  });

  it('refuses a series of the case that no file holds, a zip without teaching-case.json, and bytes that are no zip', () => {
    const f = files();
    const r = readTeachingImport(zipOf({ 'dicom/': new Uint8Array() }, []));
    expect(!r.ok && r.error.issues).toEqual([`series ${f[0]!.id.seriesInstanceUID}: in the teaching case but no file of it is listed`]);
    const noJson = readTeachingImport(zipSync({ [teachingZipPath(f[0]!.id)]: f[0]!.bytes }));
    expect(!noJson.ok && noJson.error.error).toMatch(/holds no teaching-case\.json/);
    const junk = readTeachingImport(strToU8('PK but not really'));
    expect(!junk.ok && [junk.error.status, junk.error.code]).toEqual([400, 'invalid-zip']);
  });
});

describe('teachingZipName', () => {
  it('keeps ASCII letters and digits of the title, dashes for the rest, the id when nothing is left', () => {
    const id = 'abcdef12-0000-4000-8000-000000000000';
    expect(teachingZipName({ id, fields: teachingFieldsSchema.parse({ title: 'Ostéolyse  T12 (“rein”)' }) })).toBe('PercuPlan-teaching-Osteolyse-T12-rein.zip');
    expect(teachingZipName({ id, fields: teachingFieldsSchema.parse({ title: '骨转移' }) })).toBe('PercuPlan-teaching-abcdef12.zip');
  });
});
