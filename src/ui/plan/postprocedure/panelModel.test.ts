import { describe, expect, it } from 'vitest';
import type { StudyListing } from '../../../dicom/studyListing';
import type { PlanDraft } from '../../../planning/plan/planDraft';
import { matrixFromParams } from '../../../planning/postprocedure/rigid';
import { IDENTITY_DIRECTION } from '../../../planning/volume/volumeGeometry';
import { boxCentre, cbctCandidates, elapsedText, lesionRegion, transformNumbers } from './panelModel';

const series = (uid: string, modality: string, imageCount = 100, seriesNumber = 1) => ({ seriesInstanceUID: uid, modality, imageCount, instanceCount: imageCount, seriesNumber, seriesDescription: `S${uid}` });
const study = (uid: string, patientID: string, s: ReturnType<typeof series>[], desc = 'CT'): StudyListing =>
  ({ studyInstanceUID: uid, source: 'embedded', patientID, studyDescription: desc, studyDate: '20240105', modalities: ['CT'], series: s, imageCount: 0 }) as unknown as StudyListing;

describe('the CBCT candidates', () => {
  it('lists the linked post-procedure study first, then other CT series of the same patient, never the planning series or another patient', () => {
    const studies = [
      study('1.1', 'P1', [series('1.1.1', 'CT'), series('1.1.2', 'SEG', 1)], 'Planning CT'),
      study('1.2', 'P1', [series('1.2.1', 'CT')], 'Cone beam'),
      study('1.3', 'P1', [series('1.3.1', 'CT'), series('1.3.2', 'MR')], 'Follow-up'),
      study('2.1', 'P2', [series('2.1.1', 'CT')]),
    ];
    const linked = [
      { studyInstanceUID: '1.3', role: 'follow-up' as const, description: '' },
      { studyInstanceUID: '1.2', role: 'post-procedure' as const, description: 'Post-procedure cone-beam CT' },
    ];
    const c = cbctCandidates(linked, studies, '1.1.1', 'P1');
    expect(c.map((x) => [x.seriesInstanceUID, x.linked])).toEqual([['1.2.1', true], ['1.3.1', false]]);
    expect(c[0]!.label).toBe('Post-procedure cone-beam CT 2024-01-05 · Se 1 S1.2.1 (100 images)');
    // Without the patient's ID only the linked study is offered.
    expect(cbctCandidates(linked, studies, '1.1.1', undefined).map((x) => x.seriesInstanceUID)).toEqual(['1.2.1']);
  });
});

describe('the registration region from the lesion masks', () => {
  it('is the box of the mask voxel centres in LPS grown by the margin', () => {
    // 2 mm voxels from (−100, −50, 10): a mask box of voxels i 10..14, j 20..21, k 5 → x −80..−72, y −10..−8, z 20..20.
    const geometry = { dimensions: [100, 100, 50] as const, spacing: [2, 2, 2] as const, origin: [-100, -50, 10] as never, direction: IDENTITY_DIRECTION };
    const mask = { dimensions: [100, 100, 50] as const, box: { offset: [10, 20, 5] as const, size: [5, 2, 1] as const }, data: new Uint8Array(10).fill(1) };
    const draft = { lesions: [{ record: { id: 'L1' }, mask, stored: null }, { record: { id: 'L2' }, mask: null, stored: null }], structures: [], trajectories: [], extra: {} } as unknown as PlanDraft;
    const r = lesionRegion(draft, geometry, 40)!;
    expect(r).toEqual({ minLps: [-120, -50, -20], maxLps: [-32, 32, 60] });
    expect(boxCentre(r)).toEqual([-76, -9, 20]);
    expect(lesionRegion({ ...draft, lesions: [] }, geometry, 40)).toBeNull();
  });
});

describe('the transform numbers', () => {
  it('reads the rotation and translation about the region centre with two decimals', () => {
    const region = { minLps: [0, 0, 0] as [number, number, number], maxLps: [20, 40, 60] as [number, number, number] };
    const m = matrixFromParams({ rotationDeg: [1.5, -2.25, 10], translationMm: [3, -4, 0.5] }, [10, 20, 30]);
    const t = transformNumbers(m, region);
    expect(t.rotation).toBe('x +1.50°, y -2.25°, z +10.00°');
    expect(t.translation).toBe('x +3.00, y -4.00, z +0.50 mm (5.02 mm in all)');
    expect(t.translationMm[2]).toBeCloseTo(0.5, 10);
  });

  it('counts whole seconds while running', () => {
    expect(elapsedText('Registering', 12_999)).toBe('Registering … 12 s');
    // A clock read before the start never shows a negative time.
    expect(elapsedText('Registering', -13_000)).toBe('Registering … 0 s');
  });
});
