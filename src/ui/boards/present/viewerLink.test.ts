import { describe, expect, it } from 'vitest';
import { viewerLink } from './KeyImagesPanel';

const image = { id: 'k-1', view: { studyInstanceUid: '1.2.826.0.1.3680043.8.498.1' } } as Parameters<typeof viewerLink>[0];

describe('the key image viewer link', () => {
  it('opens the study with the key image, and says overlay=off only when the presenter switched the plan overlay off', () => {
    expect(viewerLink(image, true)).toBe('/studies/1.2.826.0.1.3680043.8.498.1?keyImage=k-1');
    expect(viewerLink(image, false)).toBe('/studies/1.2.826.0.1.3680043.8.498.1?keyImage=k-1&overlay=off');
  });
});
