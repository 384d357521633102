/** How the loader delivered a frame's pixel values. */
export interface StoredScaling {
  /** Rescale Slope (0028,1053); 1 when absent. */
  readonly slope: number;
  /** Rescale Intercept (0028,1052); 0 when absent. */
  readonly intercept: number;
  /** True when the loader already applied slope and intercept to the pixel array. */
  readonly preScaled: boolean;
}

/**
 * The modality value (HU for CT) of one pixel as it sits in a decoded frame: the loader's
 * value as it is when the loader pre-scaled the frame, otherwise `stored × slope + intercept`
 * (DICOM PS3.3 C.11.1.1.2). A non-finite slope or intercept counts as absent.
 */
export function huFromStored(stored: number, s: StoredScaling): number {
  if (s.preScaled) return stored;
  const slope = Number.isFinite(s.slope) ? s.slope : 1;
  const intercept = Number.isFinite(s.intercept) ? s.intercept : 0;
  return stored * slope + intercept;
}
