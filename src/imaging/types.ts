import type { Vec3 } from '../shared/vec3';

/** The places a viewport can occupy in the study view. */
export type ViewportSlot = 'axial' | 'sagittal' | 'coronal' | 'volume3d' | 'stack';

/** Left-button tools; the right button always zooms, the middle pans, the wheel scrolls. */
export type ViewerTool = 'windowLevel' | 'crosshairs' | 'length' | 'angle' | 'probe' | 'pan' | 'zoom';

/** Patient-direction letters at the four edges of a 2D view. */
export interface OrientationLabels {
  top: string;
  bottom: string;
  left: string;
  right: string;
}

/** What the overlay of one viewport shows; recomputed on camera, slice and window changes. */
export interface ViewportInfo {
  slot: ViewportSlot;
  /** 1-based slice number and the number of slices along the view normal. */
  sliceNumber?: number;
  sliceCount?: number;
  /** Position of the slice along the view normal in mm (z for axial views). */
  slicePositionMm?: number;
  windowWidth?: number;
  windowCenter?: number;
  zoom?: number;
  /** Millimetres per CSS pixel, for the scale bar. */
  mmPerPixel?: number;
  orientation?: OrientationLabels;
}

/** HU under the cursor. */
export interface ProbeReading {
  slot: ViewportSlot;
  world: Vec3;
  hu: number | undefined;
}

/** A measurement drawn by the user, with its value computed from its world points. */
export interface MeasurementReading {
  id: string;
  kind: 'length' | 'angle';
  value: number;
  unit: 'mm' | 'deg';
  slot?: ViewportSlot;
}

/** Loading progress of a series. */
export interface LoadProgress {
  phase: 'headers' | 'pixels' | 'ready' | 'error';
  done: number;
  total: number;
  message?: string;
}
