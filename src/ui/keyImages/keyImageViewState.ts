import type { CapturedView, ViewportSlot } from '../../imaging';
import type { KeyImageViewState } from '../../records';
import type { Layout } from '../shortcuts';

/** What the study page knows when a key image is saved, besides what the view itself shows. */
export interface KeyImageContext {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly slot: ViewportSlot;
  readonly layout: Layout;
  readonly mode: 'mpr' | 'stack';
  /** The open plan's saved version, or undefined when no saved plan is open. */
  readonly plan: { readonly id: string; readonly version: number } | undefined;
  /** The selected needle, when one is selected. */
  readonly selectedNeedle: string | undefined;
  readonly planOverlayShown: boolean;
  readonly hidden: ReadonlySet<string>;
}

const NEEDLE_SLOTS: readonly ViewportSlot[] = ['probe', 'inplane0', 'inplane90'];

/**
 * The view state a key image stores: the context and the captured view. A stack view keeps its
 * image index (its camera only for zoom and pan); the needle is kept only for the views that
 * follow it; hidden items in a stable (sorted) order, at most the 500 the schema allows.
 */
export function keyImageViewState(ctx: KeyImageContext, view: CapturedView): KeyImageViewState {
  return {
    studyInstanceUid: ctx.studyInstanceUid,
    seriesInstanceUid: ctx.seriesInstanceUid,
    slot: ctx.slot,
    layout: ctx.layout,
    mode: ctx.mode,
    camera: view.camera ? { focalPoint: [...view.camera.focalPoint], position: [...view.camera.position], viewUp: [...view.camera.viewUp], parallelScale: view.camera.parallelScale } : null,
    stackIndex: ctx.mode === 'stack' ? view.stackIndex : null,
    window: { width: view.window.width, center: view.window.center },
    plan: ctx.plan ? { id: ctx.plan.id, version: ctx.plan.version } : null,
    needleId: NEEDLE_SLOTS.includes(ctx.slot) ? (ctx.selectedNeedle ?? null) : null,
    layers: { plan: ctx.planOverlayShown, lesions: true, structures: true, trajectories: true, zones: true, imported: true },
    hiddenItems: [...ctx.hidden].sort().slice(0, 500),
    sliceNumber: view.sliceNumber,
    sliceCount: view.sliceCount,
  };
}

/** What `?keyImage=<id>&overlay=off|on` asks of the study page. */
export interface KeyImageLink {
  readonly keyImageId: string | undefined;
  /** The overlay as the link wants it (the presenter's switch), overriding the saved layers; undefined: as saved. */
  readonly overlay: boolean | undefined;
}

/** Reads a study page's query string for a key image to reopen. */
export function keyImageLinkOf(search: string): KeyImageLink {
  const q = new URLSearchParams(search);
  const id = q.get('keyImage')?.trim();
  const overlay = q.get('overlay');
  return { keyImageId: id || undefined, overlay: overlay === 'off' ? false : overlay === 'on' ? true : undefined };
}

/** The deep link that reopens a key image (`overlay` forces the plan overlay on or off). */
export function keyImageHref(studyInstanceUid: string, keyImageId: string, overlay?: boolean): string {
  const q = new URLSearchParams({ keyImage: keyImageId });
  if (overlay !== undefined) q.set('overlay', overlay ? 'on' : 'off');
  return `/studies/${studyInstanceUid}?${q}`;
}

/**
 * Whether the plan overlay is drawn when a key image reopens: the link's switch wins; else as
 * saved; a key image saved with no plan open showed no plan, so none is drawn over it even if
 * the study page opens one.
 */
export function overlayOnReopen(view: Pick<KeyImageViewState, 'plan' | 'layers'>, link: KeyImageLink): boolean {
  if (link.overlay !== undefined) return link.overlay;
  return view.plan !== null && view.layers.plan;
}
