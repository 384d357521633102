import { describe, expect, it } from 'vitest';
import { decodePart10, encodePart10, type NaturalDataset } from '../part10';
import { deidentifyPackage } from './deidentifyPackage';
import { bytesContain, FIXTURE_UIDS, PLANTED, plantedCtBytes } from './plantedFixture';

const segReferencing = (...instances: string[]): Uint8Array =>
  encodePart10({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.66.4',
    SOPInstanceUID: '1.2.826.0.1.3680043.8.498.3001',
    Modality: 'SEG',
    PatientName: [{ Alphabetic: PLANTED.patientName }],
    StudyInstanceUID: FIXTURE_UIDS.study,
    ReferencedSeriesSequence: [
      { SeriesInstanceUID: FIXTURE_UIDS.series, ReferencedInstanceSequence: instances.map((u) => ({ ReferencedSOPClassUID: '1.2.840.10008.5.1.4.1.1.2', ReferencedSOPInstanceUID: u })) },
    ],
  });

const ultrasound = encodePart10({ SOPClassUID: '1.2.840.10008.5.1.4.1.1.6.1', SOPInstanceUID: '1.2.826.0.1.3680043.8.498.5001', Modality: 'US' });

const options = { salt: 'case-42', dateShiftDays: -20, pseudonym: { name: 'TEACHING^42', id: 'T42' } };

describe('deidentifyPackage', () => {
  it('de-identifies a CT series and its SEG together: references resolve, nothing planted remains, the US file is refused by name', () => {
    const r = deidentifyPackage(
      [
        { name: 'ct1.dcm', bytes: plantedCtBytes(1) },
        { name: 'ct2.dcm', bytes: plantedCtBytes(2) },
        { name: 'seg.dcm', bytes: segReferencing(FIXTURE_UIDS.instance(1), FIXTURE_UIDS.instance(2)) },
        { name: 'echo.dcm', bytes: ultrasound },
        { name: 'junk.dcm', bytes: new Uint8Array([1, 2, 3]) },
      ],
      options,
    );
    expect(r.files.map((f) => f.name)).toEqual(['ct1.dcm', 'ct2.dcm', 'seg.dcm']);
    expect(r.refused.map((x) => x.name)).toEqual(['echo.dcm', 'junk.dcm']);
    expect(r.refused[0]!.reason).toMatch(/^echo\.dcm: refused, modality US/);
    expect(r.unresolvedReferences).toEqual([]);
    for (const f of r.files) for (const v of Object.values(PLANTED)) expect(bytesContain(f.bytes, v), `${f.name}: ${v}`).toBe(false);
    const seg = decodePart10(r.files[2]!.bytes, 'seg');
    if (!seg.ok) throw new Error(seg.error);
    const refs = ((seg.value.dataset.ReferencedSeriesSequence as NaturalDataset[])[0]!.ReferencedInstanceSequence as NaturalDataset[]).map((i) => i.ReferencedSOPInstanceUID);
    expect(refs).toEqual([r.files[0]!.sopInstanceUID, r.files[1]!.sopInstanceUID]);
    // 2024-02-29 minus 20 days: 9 days back is 2024-02-20, 20 days back is 2024-02-09.
    const ct = decodePart10(r.files[0]!.bytes, 'ct1');
    if (!ct.ok) throw new Error(ct.error);
    expect(ct.value.dataset.StudyDate).toBe('20240209');
  });

  it('lists a reference to an instance left out of the package, and accepts a cleaned US file', () => {
    const r = deidentifyPackage(
      [
        { name: 'ct1.dcm', bytes: plantedCtBytes(1) },
        { name: 'seg.dcm', bytes: segReferencing(FIXTURE_UIDS.instance(1), FIXTURE_UIDS.instance(9)) },
        { name: 'echo.dcm', bytes: ultrasound },
      ],
      { ...options, pixelsCleaned: new Set(['echo.dcm']) },
    );
    expect(r.refused).toEqual([]);
    // ct1 itself references instance 2 (not in this package) inside its ReferencedSeriesSequence.
    expect(r.unresolvedReferences.map((u) => u.split(':')[0])).toEqual(['ct1.dcm', 'seg.dcm']);
    expect(r.unresolvedReferences[1]).toContain('ReferencedSeriesSequence[0].ReferencedInstanceSequence[1].ReferencedSOPInstanceUID');
  });
});
