import { describe, expect, it } from 'vitest';
import { newPlanId } from './planIds';

describe('newPlanId', () => {
  it('gives distinct ids with the prefix, even within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => newPlanId('lesion'));
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^lesion-[0-9a-z]+-[0-9a-z]+$/);
  });
});
