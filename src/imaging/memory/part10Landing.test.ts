import { expect, it } from 'vitest';
import { Part10Landing } from './part10Landing';

it('releases a single-frame file with its frame and a multi-frame file with its last frame', () => {
  const ids = ['wadouri:blob:a', 'wadouri:blob:b', 'wadouri:blob:m?frame=1', 'wadouri:blob:m?frame=2', 'wadors:https://pacs/f/1', 'percuplan-local:blob:c'];
  const t = new Part10Landing(ids);
  // Three files are tracked: a, b and the two-frame m; the wadors and local ids are not Part 10 in memory.
  expect(t.pending).toBe(3);
  expect(t.landed('wadouri:blob:a')).toBe('wadouri:blob:a');
  expect(t.landed('wadouri:blob:a')).toBeUndefined(); // a second load of a frame releases nothing again
  expect(t.landed('wadouri:blob:m?frame=2')).toBeUndefined(); // frame 1 of m still needs the file's pixels
  expect(t.landed('wadors:https://pacs/f/1')).toBeUndefined();
  expect(t.landed('wadouri:blob:m?frame=1')).toBe('wadouri:blob:m');
  expect(t.landed('wadouri:blob:other')).toBeUndefined();
  expect(t.pending).toBe(1);
});
