import type { ViewPlane } from '../overlay/viewPlane';
import type { ViewportSlot } from '../types';

/** Draws the plan over one 2D view; called after every render of that view. */
export type OverlayPainter = (slot: ViewportSlot, ctx: CanvasRenderingContext2D, plane: ViewPlane) => void;

/**
 * The 2D canvases laid over the volume views, one per view, that the plan is painted on.
 * A view's canvas is repainted after each of its renders and, batched to one animation
 * frame, after each plan change.
 */
export class OverlayLayers {
  private readonly canvases = new Map<ViewportSlot, { canvas: HTMLCanvasElement; element: HTMLElement }>();
  private readonly pending = new Set<ViewportSlot>();
  private painter?: OverlayPainter;
  // Drawn under the plan: objects read from DICOM (SEG, SR), shown whether or not a plan is open.
  private underlay?: OverlayPainter;
  // Between the imported objects and the plan: a registered second series fused over the view (issue 18).
  private fusion?: OverlayPainter;
  // Drawn over the plan: a read-only reference plan (an exercise's expert plan), kept when the plan layer is off.
  private top?: OverlayPainter;
  private frame = 0;
  // The plan layer switched off (the presenter's overlay toggle); imported objects stay.
  private planShown = true;

  /** @param planeOf the plane a slot shows now, or undefined when it cannot be drawn on. */
  constructor(private readonly planeOf: (slot: ViewportSlot) => ViewPlane | undefined) {}

  /** Lays a fresh overlay canvas over a view's element (replacing an earlier one). */
  add(slot: ViewportSlot, element: HTMLElement): void {
    this.remove(slot);
    const canvas = document.createElement('canvas');
    canvas.className = 'plan-overlay';
    canvas.dataset.testid = `plan-overlay-${slot}`;
    element.appendChild(canvas);
    this.canvases.set(slot, { canvas, element });
  }

  /** Takes a view's overlay canvas off the page. */
  remove(slot: ViewportSlot): void {
    this.canvases.get(slot)?.canvas.remove();
    this.canvases.delete(slot);
    this.pending.delete(slot);
  }

  setPainter(painter: OverlayPainter | undefined): void {
    this.painter = painter;
    this.repaintAll();
  }

  /** Sets the painter drawn before the plan's (imported SEG and SR objects); undefined for none. */
  setUnderlay(painter: OverlayPainter | undefined): void {
    this.underlay = painter;
    this.repaintAll();
  }

  /** Sets the painter drawn between the imported objects and the plan (a fused post-procedure CBCT); undefined for none. */
  setFusion(painter: OverlayPainter | undefined): void {
    this.fusion = painter;
    this.repaintAll();
  }

  /** Sets the painter drawn after the plan's (a read-only reference plan); undefined for none. */
  setTopLayer(painter: OverlayPainter | undefined): void {
    this.top = painter;
    this.repaintAll();
  }

  /** Shows or hides the plan over every view (imported objects stay drawn). */
  setPlanShown(shown: boolean): void {
    this.planShown = shown;
    this.repaintAll();
  }

  /** Repaints every overlay on the next frame (after a plan change). */
  repaintAll(): void {
    for (const slot of this.canvases.keys()) this.pending.add(slot);
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const slots = [...this.pending];
      this.pending.clear();
      for (const slot of slots) this.paint(slot);
    });
  }

  /** Clears a view's overlay to its current size and lets the painter draw on it in CSS pixels. */
  paint(slot: ViewportSlot): void {
    const layer = this.canvases.get(slot);
    if (!layer) return;
    const { canvas, element } = layer;
    const dpr = window.devicePixelRatio || 1;
    const w = element.clientWidth, h = element.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const painter = this.planShown ? this.painter : undefined;
    const plane = painter || this.underlay || this.fusion || this.top ? this.planeOf(slot) : undefined;
    if (!plane) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.underlay?.(slot, ctx, plane);
    this.fusion?.(slot, ctx, plane);
    painter?.(slot, ctx, plane);
    this.top?.(slot, ctx, plane);
  }

  /** Removes every canvas and stops a pending repaint. */
  destroy(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    for (const slot of [...this.canvases.keys()]) this.remove(slot);
    this.painter = undefined;
    this.underlay = undefined;
    this.fusion = undefined;
    this.top = undefined;
  }
}
