/** A display window in Hounsfield units. */
export interface WindowPreset {
  id: 'bone' | 'soft' | 'lung' | 'cement';
  label: string;
  /** Keyboard key that applies it. */
  key: string;
  widthHu: number;
  centerHu: number;
}

/**
 * The windows an IR switches between while planning: bone for the lesion and cortex, soft
 * tissue for vessels, bowel and muscle, lung at thoracic levels, and a wide window in which
 * cement (2500+ HU) and needles stay distinguishable from cortical bone.
 */
export const WINDOW_PRESETS: readonly WindowPreset[] = [
  { id: 'bone', label: 'Bone', key: '1', widthHu: 2000, centerHu: 500 },
  { id: 'soft', label: 'Soft tissue', key: '2', widthHu: 400, centerHu: 40 },
  { id: 'lung', label: 'Lung', key: '3', widthHu: 1500, centerHu: -600 },
  { id: 'cement', label: 'Cement / metal', key: '4', widthHu: 4500, centerHu: 1500 },
];

/** Lower and upper HU of a window. */
export const windowRange = (w: { widthHu: number; centerHu: number }): { lower: number; upper: number } => ({
  lower: w.centerHu - w.widthHu / 2,
  upper: w.centerHu + w.widthHu / 2,
});
