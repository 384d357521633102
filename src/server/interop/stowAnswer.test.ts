import { describe, expect, it } from 'vitest';
import { isStowAnswer, readStowAnswer } from './stowAnswer';

const SEG = { sopClassUID: '1.2.840.10008.5.1.4.1.1.66.4', sopInstanceUID: '2.25.1' };
const SR = { sopClassUID: '1.2.840.10008.5.1.4.1.1.88.34', sopInstanceUID: '2.25.2' };
const ref = (uid: string, extra: Record<string, unknown> = {}) => ({ '00081150': { vr: 'UI', Value: ['1.2'] }, '00081155': { vr: 'UI', Value: [uid] }, ...extra });

describe('readStowAnswer', () => {
  it('lists both instances as stored when the Referenced SOP Sequence names both', () => {
    const answer = { '00081199': { vr: 'SQ', Value: [ref('2.25.2'), ref('2.25.1')] } };
    expect(readStowAnswer(answer, [SEG, SR])).toEqual({ stored: [SEG, SR], failed: [] });
  });

  it('reads the Failure Reason of a failed instance as its hex code with its meaning', () => {
    // 0xC000 = 49152, "cannot understand" (PS3.4 B.2.3); 0xA900 = 43264, "does not match SOP class".
    const answer = {
      '00081199': { vr: 'SQ', Value: [ref('2.25.1')] },
      '00081198': { vr: 'SQ', Value: [ref('2.25.2', { '00081197': { vr: 'US', Value: [49152] } })] },
    };
    expect(readStowAnswer(answer, [SEG, SR])).toEqual({ stored: [SEG], failed: [{ ...SR, reason: '0xC000 (error: cannot understand)' }] });
    const mismatch = { '00081198': { vr: 'SQ', Value: [ref('2.25.1', { '00081197': { vr: 'US', Value: [43264] } })] } };
    expect(readStowAnswer(mismatch, [SEG]).failed[0]?.reason).toBe('0xA900 (error: data set does not match SOP class)');
  });

  it('keeps a Warning Reason on a stored instance (0xB000 = 45056, coercion)', () => {
    const answer = { '00081199': { vr: 'SQ', Value: [ref('2.25.1', { '00081196': { vr: 'US', Value: [45056] } })] } };
    expect(readStowAnswer(answer, [SEG])).toEqual({ stored: [{ ...SEG, warning: '0xB000 (warning: coercion of data elements)' }], failed: [] });
  });

  it('counts an instance the answer does not name as failed (Orthanc stops at a rejected file and says nothing)', () => {
    const answer = { '00081199': { vr: 'SQ', Value: [ref('2.25.1')] } };
    const out = readStowAnswer(answer, [SEG, SR]);
    expect(out.stored).toEqual([SEG]);
    expect(out.failed).toHaveLength(1);
    expect(out.failed[0]).toMatchObject(SR);
    expect(out.failed[0]?.reason).toMatch(/neither as stored nor as failed/);
    expect(readStowAnswer({}, [SEG]).failed.map((f) => f.sopInstanceUID)).toEqual(['2.25.1']);
  });
});

describe('isStowAnswer', () => {
  it('takes a DICOM JSON dataset (even empty), not a PACS error object or a list', () => {
    expect(isStowAnswer({ '00081199': { vr: 'SQ' } })).toBe(true);
    expect(isStowAnswer({})).toBe(true);
    expect(isStowAnswer({ HttpError: 'Bad Request', Message: 'x' })).toBe(false);
    expect(isStowAnswer([])).toBe(false);
    expect(isStowAnswer(null)).toBe(false);
  });
});
