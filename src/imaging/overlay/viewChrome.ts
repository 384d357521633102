import type { ViewportSlot } from '../types';
import type { LabelBox } from './labelPlacement';

/**
 * Where a view's own text sits over the image (the pane's corner texts, orientation letters,
 * scale bar, and the probe's-eye depth slider), as boxes the needle labels keep clear of. The
 * overlay is laid out in HTML by the UI; these are generous estimates of its usual extent,
 * not measurements, so that a label is never drawn under a line of it.
 */
export function viewChrome(slot: ViewportSlot, width: number, height: number): LabelBox[] {
  const cornerW = Math.min(width * 0.45, 215);
  const letter = 26;
  const boxes: LabelBox[] = [
    // Title, patient lines; study date and series.
    { x: 0, y: 0, width: cornerW, height: 76 },
    { x: width - cornerW, y: 0, width: cornerW, height: 44 },
    // Slice number and position; window, zoom and the scale bar above them.
    { x: 0, y: height - 44, width: cornerW, height: 44 },
    { x: width - cornerW, y: height - 64, width: cornerW, height: 64 },
    // Orientation letters at the middle of each edge.
    { x: width / 2 - letter, y: 0, width: 2 * letter, height: 24 },
    { x: width / 2 - letter, y: height - 24, width: 2 * letter, height: 24 },
    { x: 0, y: height / 2 - 13, width: letter + 6, height: 26 },
    { x: width - letter - 6, y: height / 2 - 13, width: letter + 6, height: 26 },
  ];
  if (slot === 'probe') {
    const w = Math.max(150, Math.min(width * 0.4, 320)) + 16;
    boxes.push({ x: width / 2 - w / 2, y: height - 52, width: w, height: 52 });
  }
  return boxes;
}
