import { describe, expect, it } from 'vitest';
import { overlayBudget } from './overlayBudget';

// Worked by hand: a corner may use half the height less 16 px (the side letter); a line is 17 px,
// a corner box has 6 px padding above and below; the scale bar block is 24 px; a corner is at most
// half the width less a 14 px gutter and 2 × 8 px padding.
describe('overlayBudget', () => {
  it('gives a roomy pane every line and a full 120 px scale bar', () => {
    // 300 × 300: (150 − 16 − 12) / 17 = 7.2 → 7 lines per corner; 150 − 14 − 16 = 120 px of corner width.
    expect(overlayBudget(300, 300, 3, 2)).toEqual({ patientLines: 3, studyLines: 2, sliceLines: 2, windowLines: 2, scaleBar: true, scaleMaxPx: 120 });
  });

  it('drops patient lines before the view name, and zoom under the scale bar, in a short pane', () => {
    // 400 × 160: (80 − 16 − 12) / 17 = 3.06 → 3 lines: the name and 2 of 3 patient lines;
    // with the 24 px scale bar: (64 − 24 − 12) / 17 = 1.6 → one window line (W/L, not zoom).
    expect(overlayBudget(400, 160, 3, 2)).toEqual({ patientLines: 2, studyLines: 2, sliceLines: 2, windowLines: 1, scaleBar: true, scaleMaxPx: 120 });
  });

  it('keeps one line per corner and no scale bar in a very short pane', () => {
    // 600 × 120: (60 − 16 − 12) / 17 = 1.9 → 1 line: only the name top-left; (44 − 24 − 12) / 17 < 1 → no scale bar.
    expect(overlayBudget(600, 120, 3, 2)).toMatchObject({ patientLines: 0, studyLines: 1, sliceLines: 1, windowLines: 1, scaleBar: false });
  });

  it('shortens the scale bar to the corner width and drops it when the corner is too narrow', () => {
    // 240 wide: 120 − 30 = 90 px; 100 wide: 50 − 30 = 20 px, under the 30 px a readable bar needs.
    expect(overlayBudget(240, 400, 3, 2).scaleMaxPx).toBe(90);
    expect(overlayBudget(100, 400, 3, 2).scaleBar).toBe(false);
  });

  it('asks for no more lines than there are', () => {
    expect(overlayBudget(800, 800, 0, 1)).toMatchObject({ patientLines: 0, studyLines: 1 });
  });

  it('keeps the bottom corners above a band kept free for the depth slider', () => {
    // 400 × 200 with a 48 px band: top corners (100 − 16 − 12) / 17 = 4.2 → 4 lines; bottom corners
    // (84 − 48 − 12) / 17 = 1.4 → one slice line; with the scale bar (36 − 24 − 12) / 17 = 0 → no scale bar, one W/L line.
    expect(overlayBudget(400, 200, 3, 2, 48)).toEqual({ patientLines: 3, studyLines: 2, sliceLines: 1, windowLines: 1, scaleBar: false, scaleMaxPx: 120 });
  });
});
