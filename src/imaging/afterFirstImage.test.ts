import { afterEach, describe, expect, it } from 'vitest';
import { afterFirstImage } from './afterFirstImage';

const settled = async (p: Promise<void>, ms: number): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, ms));
  return done;
};

describe('afterFirstImage (thumbnails wait for the viewer)', () => {
  afterEach(() => performance.clearMarks('percuplan:first-image'));

  it('waits for the first-image mark set after it was asked, not one from before', async () => {
    performance.mark('percuplan:first-image'); // an earlier series' first image
    const since = performance.now();
    const p = afterFirstImage(since, 5000);
    expect(await settled(p, 60)).toBe(false);
    performance.mark('percuplan:first-image');
    expect(await settled(p, 60)).toBe(true);
  });

  it('gives up waiting after the timeout when no first image comes (a stack, a failed load)', async () => {
    const p = afterFirstImage(performance.now(), 80);
    expect(await settled(p, 30)).toBe(false);
    expect(await settled(p, 120)).toBe(true);
  });
});
