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
  // The probe's-eye pane keeps a band at its bottom for the depth slider; its bottom texts sit above it.
  const band = bottomBandPx(slot);
  const bottom = height - band;
  const boxes: LabelBox[] = [
    // Title, patient lines; study date and series.
    { x: 0, y: 0, width: cornerW, height: 76 },
    { x: width - cornerW, y: 0, width: cornerW, height: 44 },
    // Slice number and position; window, zoom and the scale bar above them.
    { x: 0, y: bottom - 44, width: cornerW, height: 44 },
    { x: width - cornerW, y: bottom - 64, width: cornerW, height: 64 },
    // Orientation letters at the middle of each edge.
    { x: width / 2 - letter, y: 0, width: 2 * letter, height: 24 },
    { x: width / 2 - letter, y: bottom - 24, width: 2 * letter, height: 24 },
    { x: 0, y: height / 2 - 13, width: letter + 6, height: 26 },
    { x: width - letter - 6, y: height / 2 - 13, width: letter + 6, height: 26 },
  ];
  if (band > 0) boxes.push({ x: 0, y: bottom, width, height: band });
  return boxes;
}

/** The height of the band a view keeps free at its bottom (px): the probe's-eye depth slider's. */
export const bottomBandPx = (slot: ViewportSlot): number => (slot === 'probe' ? PROBE_SLIDER_BAND_PX : 0);

/** The probe's-eye pane's slider band (the layout's DEPTH_SLIDER_BAND_PX, which the UI layer owns). */
export const PROBE_SLIDER_BAND_PX = 48;
