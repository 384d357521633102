import { describe, expect, it } from 'vitest';
import { gradeBilsky, isHighGradeBilsky } from './bilsky';

describe('Bilsky', () => {
  it('grades each published finding', () => {
    const grade = (c: Parameters<typeof gradeBilsky>[0]) => gradeBilsky(c).category;
    expect(grade({ epiduralExtension: 'none' })).toBe('0');
    expect(grade({ epiduralExtension: 'epidural-impingement' })).toBe('1a');
    expect(grade({ epiduralExtension: 'thecal-sac-deformed' })).toBe('1b');
    expect(grade({ epiduralExtension: 'cord-abutted' })).toBe('1c');
    expect(grade({ epiduralExtension: 'cord-compressed', csfVisible: true })).toBe('2');
    expect(grade({ epiduralExtension: 'cord-compressed', csfVisible: false })).toBe('3');
  });

  it('asks about CSF only once the cord is compressed', () => {
    expect(gradeBilsky({ epiduralExtension: 'cord-compressed' })).toEqual({ total: null, category: null, missing: ['csfVisible'] });
    expect(gradeBilsky({})).toEqual({ total: null, category: null, missing: ['epiduralExtension'] });
  });

  it('calls grades 2 and 3 high grade', () => {
    expect((['0', '1a', '1b', '1c', '2', '3'] as const).map(isHighGradeBilsky)).toEqual([false, false, false, false, true, true]);
  });
});
