import { metaData, type Types } from '@cornerstonejs/core';
import { annotation, state as toolsState } from '@cornerstonejs/tools';
import type { InstanceListing } from '../../dicom/studyListing';
import { imageIdOf } from '../fetchInstances';
import { csFromLps, lpsFromCs } from '../coordinates';
import type { ViewportSlot } from '../types';
import { nearestSliceIndex, viewCommandsOf, windowOfRange, type CapturedView, type ViewToApply } from './keyImageView';

type View2d = Types.IVolumeViewport | Types.IStackViewport;

/** CT Image Storage: the class of a slice whose own class Cornerstone did not read. */
const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** The slice number and count the overlay shows ("Im k / N"), null where the view cannot say. */
function sliceOf(vp: View2d): { sliceNumber: number | null; sliceCount: number | null } {
  try {
    return { sliceNumber: vp.getSliceIndex() + 1, sliceCount: vp.getNumberOfSlices() };
  } catch {
    return { sliceNumber: null, sliceCount: null };
  }
}

/** What a 2D view shows now: camera, stack image, window and slice, as a key image saves it. */
export function captureViewOf(slot: ViewportSlot, vp: View2d): CapturedView {
  const cam = vp.getCamera();
  const props = vp.getProperties() as { voiRange?: { lower: number; upper: number } } | undefined;
  const voi = props?.voiRange ?? { lower: -160, upper: 240 };
  const camera =
    cam.focalPoint && cam.position && cam.viewUp && cam.parallelScale
      ? { focalPoint: lpsFromCs(cam.focalPoint), position: lpsFromCs(cam.position), viewUp: lpsFromCs(cam.viewUp), parallelScale: cam.parallelScale }
      : null;
  const stackIndex = slot === 'stack' ? (vp as Types.IStackViewport).getCurrentImageIdIndex() : null;
  return { camera, stackIndex, window: windowOfRange(voi), ...sliceOf(vp) };
}

/**
 * Puts a saved view back on a 2D view: the stack image first (it resets a stack's camera), then
 * the camera (slice, plane, zoom and pan), then the window; renders once.
 */
export async function applyViewTo(vp: View2d, view: ViewToApply): Promise<void> {
  const c = viewCommandsOf(view);
  if (c.stackIndex !== undefined && 'setImageIdIndex' in vp) await (vp as Types.IStackViewport).setImageIdIndex(c.stackIndex);
  if (c.camera) {
    const camera = { viewUp: csFromLps(c.camera.viewUp), parallelScale: c.camera.parallelScale };
    // A stack view's focal point belongs to its image: keep the image, take the zoom and pan.
    if (c.stackIndex === undefined) Object.assign(camera, { focalPoint: csFromLps(c.camera.focalPoint), position: csFromLps(c.camera.position) });
    vp.setCamera(camera);
  }
  vp.setProperties({ voiRange: { ...c.voiRange } });
  vp.render();
}

/**
 * The original slice under a view, as a KOS references it: for a stack its current image; for a
 * volume view the slice nearest the focal point along the series (see nearestSliceIndex).
 */
export function referenceUnder(slot: ViewportSlot, vp: View2d, instances: readonly InstanceListing[]): { sopClassUid: string; sopInstanceUid: string }[] {
  let index: number | undefined;
  if (slot === 'stack') index = (vp as Types.IStackViewport).getCurrentImageIdIndex();
  else {
    const f = vp.getCamera().focalPoint;
    index = f ? nearestSliceIndex(instances.map((i) => i.imagePositionPatient), lpsFromCs(f)) : undefined;
  }
  const instance = index === undefined ? undefined : instances[index];
  if (!instance) return [];
  const sop = metaData.get('sopCommonModule', imageIdOf(instance)) as { sopClassUID?: string } | undefined;
  return [{ sopClassUid: sop?.sopClassUID ?? CT_IMAGE_STORAGE, sopInstanceUid: instance.sopInstanceUID }];
}

/**
 * The SVG nodes the crosshairs draw on this view. They are a pointer for the user at the
 * workstation, not part of what a key image shows, so the picture leaves them out (found through
 * the tools' SVG node cache, whose keys begin with the annotation's UID).
 */
function crosshairNodes(element: HTMLElement): Set<Element> {
  const uids = new Set((annotation.state.getAnnotations('Crosshairs', element as HTMLDivElement) ?? []).map((a) => a.annotationUID));
  const nodes = new Set<Element>();
  if (!uids.size) return nodes;
  for (const perCanvas of Object.values(toolsState.svgNodeCache as Record<string, Record<string, { domRef?: Element }>>)) {
    for (const [key, entry] of Object.entries(perCanvas ?? {})) if (uids.has(key.split('::')[0]) && entry?.domRef) nodes.add(entry.domRef);
  }
  return nodes;
}

/** Draws an SVG element's current picture onto a context at the given size (annotations as drawn, crosshairs left out). */
async function drawSvg(ctx: CanvasRenderingContext2D, svg: SVGSVGElement, width: number, height: number, skip: ReadonlySet<Element>): Promise<void> {
  if (!svg.childElementCount) return;
  // Mark the nodes to leave out, clone, and unmark at once (synchronous: nothing repaints between).
  for (const n of skip) n.setAttribute('data-key-image-skip', '');
  const copy = svg.cloneNode(true) as SVGSVGElement;
  for (const n of skip) n.removeAttribute('data-key-image-skip');
  copy.querySelectorAll('[data-key-image-skip]').forEach((n) => n.remove());
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(svg.clientWidth || width));
  copy.setAttribute('height', String(svg.clientHeight || height));
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
  const img = new Image();
  img.src = url;
  try {
    await img.decode();
    ctx.drawImage(img, 0, 0, width, height);
  } catch {
    // An annotation layer that does not render as an image leaves the picture without it.
  }
}

/** Share of pixels brighter than near-black, to tell a rendered view from a blank canvas. */
function litShare(ctx: CanvasRenderingContext2D, width: number, height: number): number {
  const d = ctx.getImageData(0, 0, width, height).data;
  let lit = 0;
  for (let i = 0; i < d.length; i += 16) if (d[i]! + d[i + 1]! + d[i + 2]! > 30) lit++;
  return lit / (d.length / 16);
}

/** A rendered key image: the PNG (base64, no data: prefix) and its size in pixels. */
export interface KeyImagePicture {
  readonly png: string;
  readonly width: number;
  readonly height: number;
}

/**
 * The view's picture as on screen without its HTML text: the rendered image (Cornerstone's
 * on-screen canvas, filled by the render just asked for), the plan overlay canvas, and the
 * annotation SVG, composited at the canvas's device-pixel size. The corner text (patient name,
 * ids) is HTML outside this element's canvases, so it cannot end up in the picture. Refuses a
 * blank picture (a view not rendered yet).
 */
export async function renderViewPicture(vp: { render(): void }, element: HTMLElement): Promise<KeyImagePicture> {
  vp.render();
  // Cornerstone draws on the next animation frame; read the canvas after it.
  for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  const base = element.querySelector<HTMLCanvasElement>('canvas.cornerstone-canvas');
  if (!base || !base.width || !base.height) throw new Error('the view has no rendered picture yet');
  const { width, height } = base;
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to compose the picture on');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(base, 0, 0, width, height);
  if (litShare(ctx, width, height) < 0.002) throw new Error('the view rendered blank: wait for the images to load and try again');
  const svg = element.querySelector<SVGSVGElement>('svg.svg-layer');
  if (svg) await drawSvg(ctx, svg, width, height, crosshairNodes(element));
  for (const overlay of element.querySelectorAll<HTMLCanvasElement>('canvas.plan-overlay')) {
    if (overlay.width && overlay.height && overlay.style.display !== 'none') ctx.drawImage(overlay, 0, 0, width, height);
  }
  const url = out.toDataURL('image/png');
  return { png: url.slice(url.indexOf(',') + 1), width, height };
}
