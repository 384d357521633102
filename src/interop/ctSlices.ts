import type { InstanceHeader } from '../dicom/instanceHeader';

/**
 * Whether an instance of the planning CT series is one of the slices a plan's SEG and SR
 * reference: single-frame images only, since a series may also hold a localizer in
 * multi-frame form, or a report. One rule for the server's export and the browser's.
 */
export const isCtSlice = (h: InstanceHeader): boolean => h.hasPixelData && (h.numberOfFrames ?? 1) <= 1;
