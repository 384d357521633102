import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dicomFilesIn, orthancSkipReason, startOrthanc, stowFiles, type Orthanc } from '../../../tests/support/orthanc';
import { sampleDir } from '../../../tests/support/paths';
import dcmjs from 'dcmjs';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { createCatalogue, type Catalogue } from '../catalogue';
import { createPacs } from '../dicomweb/pacs';
import { indexFolder } from '../embeddedSource';
import { PATIENT_STUDY_KEYWORDS, patientStudyOf } from './patientStudy';
import { createReferencedCtLookup } from './referencedCt';

// case1's CT as the generator wrote it (sample-dicom/generated/case1-pelvis-ct/truth.json; pydicom shows the same).
const CASE1 = 'case1-pelvis-ct';
const STUDY = '2.25.111493572740326413651294186453870219745.1.1.1';
const SERIES = '2.25.111493572740326413651294186453870219745.1.1.2';
const SLICES = 150;

let catalogue: Catalogue;
beforeAll(async () => {
  const { ensureSampleStudies } = await import('../../../sample-dicom/ensureSampleStudies');
  await ensureSampleStudies();
  const index = await indexFolder(path.join(sampleDir, CASE1));
  catalogue = createCatalogue(index.instances, studyListings);
}, 120_000);

describe('patientStudyOf', () => {
  it('knows every keyword it lists (a typo would silently copy nothing)', () => {
    const unknown = PATIENT_STUDY_KEYWORDS.filter((k) => !dcmjs.data.DicomMetaDictionary.nameMap[k]);
    expect(unknown).toEqual([]);
  });

  it('copies the patient and study attributes present, empty ones included, and nothing of the series or image', () => {
    const out = patientStudyOf({ PatientID: 'P1', ReferringPhysicianName: '', AccessionNumber: undefined, Modality: 'CT', SeriesInstanceUID: '1.2', StudyInstanceUID: '1.3' });
    expect(out).toEqual({ PatientID: 'P1', ReferringPhysicianName: '', AccessionNumber: undefined, StudyInstanceUID: '1.3' });
    expect(Object.keys(out)).not.toContain('Modality');
  });
});

describe('the CT of a plan in the embedded source', () => {
  it("gives the series' image headers and the CT's patient and study attributes, the empty referring physician kept", async () => {
    const ct = await createReferencedCtLookup({ catalogue })({ studyInstanceUID: STUDY, seriesInstanceUID: SERIES });
    if (!ct.ok) throw new Error(ct.error.error);
    expect(ct.value.slices).toHaveLength(SLICES);
    expect(new Set(ct.value.slices.map((s) => s.seriesInstanceUID))).toEqual(new Set([SERIES]));
    const ps = ct.value.patientStudy;
    // The keys pydicom lists in groups 0008/0010/0020 of IM0001.dcm that belong to the three modules.
    expect(Object.keys(ps).sort()).toEqual(
      ['AccessionNumber', 'PatientAge', 'PatientBirthDate', 'PatientID', 'PatientName', 'PatientSex', 'PatientSize', 'PatientWeight', 'ReferringPhysicianName', 'StudyDate', 'StudyDescription', 'StudyID', 'StudyInstanceUID', 'StudyTime'].sort(),
    );
    expect(ps).toMatchObject({ PatientID: 'PP-0001', PatientSex: 'M', PatientAge: '062Y', StudyInstanceUID: STUDY, StudyID: '1001', AccessionNumber: 'PPA0001', StudyDate: '20240312', StudyTime: '091405' });
  });

  it('answers 409 naming the series and what the user can do when no source holds it', async () => {
    const ct = await createReferencedCtLookup({ catalogue })({ studyInstanceUID: null, seriesInstanceUID: '1.2.3.4' });
    expect(ct.ok).toBe(false);
    if (ct.ok) return;
    expect(ct.error.status).toBe(409);
    expect(ct.error.code).toBe('series-not-held');
    expect(ct.error.error).toMatch(/does not hold series 1\.2\.3\.4.*no PACS is configured.*Send the series to the PACS/);
  });
});

describe.skipIf(!!orthancSkipReason())('the CT of a plan on the PACS (real Orthanc)', () => {
  let orthanc: Orthanc;
  beforeAll(async () => {
    orthanc = await startOrthanc();
    const sent = await stowFiles(orthanc, await dicomFilesIn(path.join(sampleDir, CASE1)));
    expect(sent.rejected).toEqual([]);
  }, 120_000);
  afterAll(async () => orthanc?.stop());

  const pacsLookup = () =>
    createReferencedCtLookup({
      catalogue: createCatalogue([], studyListings),
      pacs: createPacs({ baseUrl: new URL(orthanc.dicomweb), label: 'Test PACS', authorization: () => undefined }),
    });

  it('reads the same slices and the same patient and study attributes from WADO-RS metadata as from the files', async () => {
    const fromFiles = await createReferencedCtLookup({ catalogue })({ studyInstanceUID: STUDY, seriesInstanceUID: SERIES });
    const fromPacs = await pacsLookup()({ studyInstanceUID: STUDY, seriesInstanceUID: SERIES });
    if (!fromFiles.ok || !fromPacs.ok) throw new Error('both lookups should succeed');
    expect(fromPacs.value.slices.map((s) => s.sopInstanceUID).sort()).toEqual(fromFiles.value.slices.map((s) => s.sopInstanceUID).sort());
    expect(fromPacs.value.patientStudy).toEqual(fromFiles.value.patientStudy);
  });

  it('finds the study by QIDO-RS when the plan was saved without it', async () => {
    const found = await pacsLookup()({ studyInstanceUID: null, seriesInstanceUID: SERIES });
    expect(found.ok && found.value.patientStudy.StudyInstanceUID).toBe(STUDY);
  });

  it('answers 409 when neither the folder nor the PACS holds the series', async () => {
    const missing = await pacsLookup()({ studyInstanceUID: null, seriesInstanceUID: '1.2.3.4' });
    expect(!missing.ok && missing.error.error).toMatch(/neither in its embedded sample folder nor on the configured PACS/);
  });
});
