import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orthancSkipReason, startOrthanc, type Orthanc } from '../../../tests/support/orthanc';
import { COMPREHENSIVE_3D_SR_STORAGE, SEGMENTATION_STORAGE } from '../../interop/exportTypes';
import { encodePart10 } from '../../interop/part10';
import { createPacsClient } from '../dicomweb/pacsClient';
import { PacsError } from '../dicomweb/pacsError';
import { stowRs, type StowInstance } from './stowRs';

/** A small Part 10 object of the given class (Orthanc validates nothing beyond the UIDs). */
function instance(sopClassUID: string, sopInstanceUID: string, series: string): StowInstance {
  const bytes = encodePart10({
    SOPClassUID: sopClassUID,
    SOPInstanceUID: sopInstanceUID,
    StudyInstanceUID: '2.25.4242.1',
    SeriesInstanceUID: series,
    PatientID: 'STOW-TEST',
    PatientName: [{ Alphabetic: 'STOW^TEST' }],
    Modality: sopClassUID === SEGMENTATION_STORAGE ? 'SEG' : 'SR',
  });
  return { sopClassUID, sopInstanceUID, bytes };
}

const client = (o: Orthanc, authorization?: string) => createPacsClient({ baseUrl: new URL(o.dicomweb), label: 'Test PACS', authorization: () => authorization });

/** The file Orthanc stored for a SOP Instance UID, as it serves it back. */
async function storedBytes(o: Orthanc, sopInstanceUID: string): Promise<Uint8Array> {
  const lookup = (await (await fetch(`${o.url}/tools/lookup`, { method: 'POST', body: sopInstanceUID })).json()) as { ID: string; Type: string }[];
  const id = lookup.find((l) => l.Type === 'Instance')?.ID;
  if (!id) throw new Error(`Orthanc has no instance ${sopInstanceUID}`);
  return new Uint8Array(await (await fetch(`${o.url}/instances/${id}/file`)).arrayBuffer());
}

describe.skipIf(!!orthancSkipReason())('STOW-RS to a real Orthanc', () => {
  let orthanc: Orthanc;
  let locked: Orthanc;
  beforeAll(async () => {
    [orthanc, locked] = await Promise.all([startOrthanc(), startOrthanc({ users: { pacs: 'secret' } })]);
  }, 60_000);
  afterAll(async () => {
    await orthanc?.stop();
    await locked?.stop();
  });

  it('stores a SEG and an SR, reads both UIDs from the answer body, and Orthanc serves back the very bytes sent', async () => {
    const sent = [instance(SEGMENTATION_STORAGE, '2.25.4242.11', '2.25.4242.2'), instance(COMPREHENSIVE_3D_SR_STORAGE, '2.25.4242.12', '2.25.4242.3')];
    const out = await stowRs(client(orthanc), sent);
    expect(out).toEqual({
      stored: [
        { sopClassUID: SEGMENTATION_STORAGE, sopInstanceUID: '2.25.4242.11' },
        { sopClassUID: COMPREHENSIVE_3D_SR_STORAGE, sopInstanceUID: '2.25.4242.12' },
      ],
      failed: [],
    });
    for (const s of sent) expect(Buffer.from(await storedBytes(orthanc, s.sopInstanceUID)).equals(Buffer.from(s.bytes))).toBe(true);
  });

  it('names a part Orthanc cannot read as failed, with the reason, and still stores the good one', async () => {
    const good = instance(SEGMENTATION_STORAGE, '2.25.4242.21', '2.25.4242.4');
    const garbage: StowInstance = { sopClassUID: SEGMENTATION_STORAGE, sopInstanceUID: '2.25.4242.22', bytes: new Uint8Array(Buffer.from('this is not a DICOM file at all')) };
    const out = await stowRs(client(orthanc), [good, garbage]);
    // Orthanc 1.10 lists the garbage in neither sequence (and answers 200): only the body, read instance by instance, tells.
    expect(out).toEqual({
      stored: [{ sopClassUID: SEGMENTATION_STORAGE, sopInstanceUID: '2.25.4242.21' }],
      failed: [{ sopClassUID: SEGMENTATION_STORAGE, sopInstanceUID: '2.25.4242.22', reason: "not acknowledged: the PACS's answer lists it neither as stored nor as failed" }],
    });
  });

  it('names refused credentials as a PacsError that says which settings to check', async () => {
    const p = stowRs(client(locked, `Basic ${Buffer.from('pacs:wrong').toString('base64')}`), [instance(SEGMENTATION_STORAGE, '2.25.4242.31', '2.25.4242.5')]);
    await expect(p).rejects.toBeInstanceOf(PacsError);
    await expect(p).rejects.toThrow(/refused our credentials \(HTTP 401\).*DICOMWEB_USER/);
    const right = await stowRs(client(locked, locked.authorization), [instance(SEGMENTATION_STORAGE, '2.25.4242.32', '2.25.4242.5')]);
    expect(right.stored.map((s) => s.sopInstanceUID)).toEqual(['2.25.4242.32']);
  });

  it('names a PACS that is not there', async () => {
    const gone = await startOrthanc();
    const c = client(gone);
    await gone.stop();
    await expect(stowRs(c, [instance(SEGMENTATION_STORAGE, '2.25.4242.41', '2.25.4242.6')])).rejects.toThrow(/The PACS at http:\/\/127\.0\.0\.1:\d+\/dicom-web did not answer/);
  });
});
