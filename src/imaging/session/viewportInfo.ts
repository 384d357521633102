import { metaData, type Types } from '@cornerstonejs/core';
import { orientationLabels } from '../orientationLabels';
import { lpsFromCs } from '../coordinates';
import type { ViewportInfo, ViewportSlot } from '../types';

/** The text overlay's numbers for one 2D viewport: slice, window, zoom, scale and orientation. */
export function computeViewportInfo(slot: ViewportSlot, vp: Types.IVolumeViewport | Types.IStackViewport, element: HTMLElement): ViewportInfo {
  const camera = vp.getCamera();
  const vpn = lpsFromCs(camera.viewPlaneNormal ?? [0, 0, 1]);
  const up = lpsFromCs(camera.viewUp ?? [0, 1, 0]);
  const focal = lpsFromCs(camera.focalPoint ?? [0, 0, 0]);
  const axis = [0, 1, 2].reduce((best, a) => (Math.abs(vpn[a] ?? 0) > Math.abs(vpn[best] ?? 0) ? a : best), 0);
  // Before its data is set a viewport has no properties yet.
  const props = vp.getProperties() as { voiRange?: { lower: number; upper: number } } | undefined;
  const voi = props?.voiRange;
  let sliceNumber: number | undefined;
  let sliceCount: number | undefined;
  try {
    sliceNumber = vp.getSliceIndex() + 1;
    sliceCount = vp.getNumberOfSlices();
  } catch {
    // Not every viewport state can answer before its data is set.
  }
  // A stack image without orientation or pixel spacing (ultrasound, secondary capture) gets
  // no patient-direction letters and no scale bar: Cornerstone's defaults would be made up.
  let placed = true;
  if (slot === 'stack') {
    const imageId = (vp as Types.IStackViewport).getCurrentImageId?.();
    const plane = imageId ? (metaData.get('imagePlaneModule', imageId) as { usingDefaultValues?: boolean } | undefined) : undefined;
    placed = !plane?.usingDefaultValues;
  }
  return {
    slot,
    sliceNumber,
    sliceCount,
    slicePositionMm: focal[axis],
    windowWidth: voi ? voi.upper - voi.lower : undefined,
    windowCenter: voi ? (voi.upper + voi.lower) / 2 : undefined,
    zoom: vp.getZoom(),
    mmPerPixel: placed && camera.parallelScale && element.clientHeight ? (2 * camera.parallelScale) / element.clientHeight : undefined,
    orientation: placed ? orientationLabels(up, vpn) : undefined,
  };
}

/**
 * Collects the views whose overlay text is stale and recomputes them once per animation
 * frame (camera events arrive many times per frame while dragging).
 */
export class InfoScheduler {
  private frame = 0;
  private readonly dirty = new Set<ViewportSlot>();

  constructor(
    private readonly compute: (slot: ViewportSlot) => ViewportInfo | undefined,
    private readonly publish: (patch: Partial<Record<ViewportSlot, ViewportInfo>>) => void,
  ) {}

  markDirty(slot: ViewportSlot): void {
    this.dirty.add(slot);
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const patch: Partial<Record<ViewportSlot, ViewportInfo>> = {};
      for (const s of this.dirty) {
        const i = this.compute(s);
        if (i) patch[s] = i;
      }
      this.dirty.clear();
      this.publish(patch);
    });
  }

  cancel(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.dirty.clear();
  }
}
