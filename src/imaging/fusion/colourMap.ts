/**
 * The fused CBCT's colours: a "hot" map (black → red → yellow → white) so the cone-beam CT is
 * never mistaken for the grey planning CT under it. 256 RGBA entries; the alpha rises with the
 * value (air and soft tissue faint, bone and cement opaque) so the CT stays readable under it.
 */
export function hotLut(): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let k = 0; k < 256; k++) {
    const t = k / 255;
    lut[k * 4] = 255 * Math.min(1, 3 * t);
    lut[k * 4 + 1] = 255 * Math.max(0, Math.min(1, 3 * t - 1));
    lut[k * 4 + 2] = 255 * Math.max(0, Math.min(1, 3 * t - 2));
    // Faint up to a quarter of the window (air, fat, soft tissue in the bone window: the field of view shows, the CT stays readable), opaque from 55 %.
    lut[k * 4 + 3] = 255 * (0.1 + 0.9 * Math.max(0, Math.min(1, (t - 0.25) / 0.3)));
  }
  return lut;
}

/** The CBCT's window presets (HU). Bone is the default: CBCT soft tissue is noisy, bone and cement are what registration is judged on. */
export const FUSION_WINDOWS = [
  { id: 'bone', label: 'Bone', widthHu: 2000, centerHu: 500 },
  { id: 'cement', label: 'Cement', widthHu: 4000, centerHu: 1500 },
  { id: 'soft', label: 'Soft tissue', widthHu: 500, centerHu: 50 },
] as const;
export type FusionWindowId = (typeof FUSION_WINDOWS)[number]['id'];
