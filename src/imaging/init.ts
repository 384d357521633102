import { init as coreInit } from '@cornerstonejs/core';
import {
  init as toolsInit,
  addTool,
  WindowLevelTool,
  PanTool,
  ZoomTool,
  StackScrollTool,
  CrosshairsTool,
  LengthTool,
  AngleTool,
  ProbeTool,
  TrackballRotateTool,
} from '@cornerstonejs/tools';
import { init as loaderInit } from '@cornerstonejs/dicom-image-loader';

let ready: Promise<void> | undefined;

/**
 * Initialises Cornerstone, its tools and the DICOM loader exactly once per page, whatever
 * React does with effects (StrictMode runs them twice).
 */
export function initImaging(): Promise<void> {
  ready ??= (async () => {
    await coreInit();
    loaderInit({ maxWebWorkers: Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2)) });
    // The streaming image volume loader is Cornerstone's default for unknown schemes.
    toolsInit();
    for (const tool of [
      WindowLevelTool,
      PanTool,
      ZoomTool,
      StackScrollTool,
      CrosshairsTool,
      LengthTool,
      AngleTool,
      ProbeTool,
      TrackballRotateTool,
    ]) {
      addTool(tool);
    }
  })();
  return ready;
}
