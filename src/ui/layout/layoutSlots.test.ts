import { describe, expect, it } from 'vitest';
import { gridContent } from './layoutSlots';

describe('gridContent', () => {
  it('shows the axial view and asks for a needle in the needle layout when none is selected', () => {
    expect(gridContent('mpr', 'needle', undefined, false)).toEqual({ slots: ['axial'], needleWanted: true });
  });

  it('shows the four needle views once a needle is selected', () => {
    expect(gridContent('mpr', 'needle', undefined, true)).toEqual({ slots: ['axial', 'probe', 'inplane0', 'inplane90'], needleWanted: false });
  });

  it('keeps the three MPR views of the default layout, a maximised view alone, and a stack alone', () => {
    expect(gridContent('mpr', '1x3', undefined, false).slots).toEqual(['axial', 'sagittal', 'coronal']);
    expect(gridContent('mpr', 'needle', 'probe', false)).toEqual({ slots: ['probe'], needleWanted: false });
    expect(gridContent('stack', 'needle', undefined, false)).toEqual({ slots: ['stack'], needleWanted: false });
  });
});
