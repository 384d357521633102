import type { LpsPoint, Vec3 } from '../shared/vec3';
import type { CanvasPoint, ViewPlane } from './overlay/viewPlane';

/** The places a viewport can occupy in the study view. */
export type ViewportSlot = 'axial' | 'sagittal' | 'coronal' | 'volume3d' | 'stack' | NeedleSlot;

/** The views along the selected needle: perpendicular to it (probe's eye) and two containing it. */
export type NeedleSlot = 'probe' | 'inplane0' | 'inplane90';

/** The 2D slots that show the loaded volume (every slot but the stack and the 3D view). */
export const VOLUME_2D_SLOTS = ['axial', 'sagittal', 'coronal', 'probe', 'inplane0', 'inplane90'] as const;

/** Tools of the planning overlay; while one is on, the left button belongs to it. */
export type PlanTool = 'grow' | 'brush' | 'erase' | 'trajectory' | 'box' | 'tube';

/** A left-button gesture on a 2D view while a plan tool is on. */
export interface PlanPointerEvent {
  readonly type: 'down' | 'move' | 'up';
  readonly slot: ViewportSlot;
  /** The point under the pointer, on the view's plane. */
  readonly world: LpsPoint;
  /** The pointer on the view's canvas (CSS px from its top-left corner). */
  readonly canvas: CanvasPoint;
  /** The plane the view showed when the event happened (origin at canvas point (0, 0)). */
  readonly plane: ViewPlane;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

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
