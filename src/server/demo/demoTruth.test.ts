import { describe, expect, it } from 'vitest';
import { parseDemoTruth, truthLandmark, truthLesion } from './demoTruth';

const good = {
  studyInstanceUID: '1.2.3',
  seriesInstanceUID: '1.2.4',
  frameOfReferenceUID: '1.2.5',
  lesions: [{ id: 'L1', centerLps: [1, 2, 3], volumeMl: 2 }],
  landmarks: { T10CanalCentre: [0, 29.5, -135] },
  patientName: 'kept out of the way: extra fields are ignored',
};

describe('demo truth', () => {
  it('reads what the demo plans need and names what is missing', () => {
    const t = parseDemoTruth(good);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(truthLesion(t.value, 'L1')).toEqual({ ok: true, value: { id: 'L1', centerLps: [1, 2, 3], volumeMl: 2 } });
    expect(truthLesion(t.value, 'L2')).toEqual({ ok: false, error: 'truth has no lesion L2' });
    expect(truthLandmark(t.value, 'aortaT10')).toEqual({ ok: false, error: 'truth has no landmark aortaT10' });
  });

  it('refuses a truth file without its frame of reference, naming the file and field', () => {
    const { frameOfReferenceUID: _, ...rest } = good;
    const r = parseDemoTruth(rest, 'case3/truth.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^case3\/truth\.json: frameOfReferenceUID: /);
  });
});
