/**
 * The narrow face of the imaging layer: everything ui/ and app/ may use. Cornerstone itself
 * stays behind this file.
 */
export { initImaging } from './init';
export { ViewerSession, type SessionSnapshot, type KeyImageViews } from './viewerSession';
export type { CapturedView, ViewToApply, KeyImageCamera } from './session/keyImageView';
export type { KeyImagePicture } from './session/keyImageCapture';
export { renderThumbnail } from './thumbnail';
export { afterFirstImage } from './afterFirstImage';
export { loadPixelValues } from './pixelValues';
export { importLocalFiles, localStudies, type ImportReport, type ImportFailure, type PickedFile } from './localStudies';
export type {
  ViewportSlot,
  ViewerTool,
  ViewportInfo,
  OrientationLabels,
  ProbeReading,
  MeasurementReading,
  LoadProgress,
} from './types';
export { PlanBridge, type BridgeSnapshot, type PlanToolOptions } from './planBridge';
export type { PlanTool, NeedleSlot } from './types';
export type { ViewPlane, CanvasPoint } from './overlay/viewPlane';
export { createImportedObjects } from './imported/createImportedObjects';
export { attachImportedPainter } from './imported/attachImportedPainter';
export type { ImportedObjects } from './imported/importedStore';
export { objectKindLabel, voxelsToMl } from './imported/objectLabels';
export { segmentKey, graphicKey, type ImportedSnapshot, type LoadedObject, type SeriesObjects, type ObjectPlacement } from './imported/importedTypes';
export { newPlanId } from './plan/planIds';
export { attachExpertPainter, EXPERT_COLOUR } from './exercise/expertPainter';
export type { ReferenceNeedle } from './exercise/expertMarks';
export { probeDepthText } from './plan/probeDepth';
export type { ProbeDepthControl, ProbeDepthState } from './session/probeDepthControl';
export { FusionLayer, DEFAULT_FUSION, type FusionSettings } from './fusion/fusionLayer';
export { FUSION_WINDOWS, type FusionWindowId } from './fusion/colourMap';
export { nudgeForKey, nudgeMatrix, type Nudge } from './fusion/nudge';
