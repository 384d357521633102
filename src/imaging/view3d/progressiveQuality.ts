/**
 * The 3D view's progressive quality, as a state machine with no Cornerstone in it (the wiring
 * is in progressive3d.ts).
 *
 * Why: on software WebGL (SwiftShader) one frame of the bone preset at its 2.4 mm step takes
 * 2.5–3 s for a 512² CT in the 2×2 layout, and Cornerstone renders every flagged view in one
 * animation frame, so the layout switch waited for two or three such frames (the 3D view's
 * first render, a second one, then the MPR views' resize render behind them: 8 s and more).
 * A preview frame at a coarser step costs a fraction of that; the full-quality frame follows
 * once the view has been left alone for a moment, so a user sees the whole layout at once and
 * the clean bone shortly after, and a camera move (a drag, a resize) is answered by previews.
 */

/** What the controller drives: the mapper's step, the view's quality label, its render and a timer. */
export interface ProgressiveHooks {
  /** Sets the ray step (mm) used by the next frame. */
  setStepMm(mm: number): void;
  /** Sets the next frame's resolution: the view's pixels divided by `divisor` on each axis (1: full). */
  setResolutionDivisor(divisor: number): void;
  /** Labels the next frames ("preview" or "full"; data-render-quality on the view's element). */
  setQuality(quality: RenderQuality): void;
  /** Asks for one more frame. */
  render(): void;
  setTimer(fn: () => void, ms: number): number;
  clearTimer(handle: number): void;
}

export type RenderQuality = 'preview' | 'full';

/** How much coarser a preview's ray step is than the full one. */
export const PREVIEW_STEP_FACTOR = 4;
/**
 * How much coarser a preview's pixels are on each axis. The step alone was not enough: at 4 ×
 * the step a frame still took 1.1 s of the full 3.1 s (much of a frame's cost is per pixel).
 */
export const PREVIEW_RESOLUTION_DIVISOR = 2;
/** How long the view must go without a new frame after a preview before the full frame is drawn (ms). */
export const FULL_QUALITY_IDLE_MS = 150;

/**
 * Preview frames while the view is being shown or moved; one full-quality frame once it has
 * been idle for `idleMs` after its last preview frame.
 */
export class ProgressiveQuality {
  private quality: RenderQuality = 'full';
  private timer: number | undefined;
  private disposed = false;

  constructor(
    private readonly fullStepMm: number,
    private readonly hooks: ProgressiveHooks,
    private readonly factor = PREVIEW_STEP_FACTOR,
    private readonly idleMs = FULL_QUALITY_IDLE_MS,
    private readonly divisor = PREVIEW_RESOLUTION_DIVISOR,
  ) {}

  /** The quality the next frame is drawn at. */
  get current(): RenderQuality {
    return this.quality;
  }

  /** The step of a preview frame (mm). */
  get previewStepMm(): number {
    return this.fullStepMm * this.factor;
  }

  /** The next frames are previews (the view was just shown, its camera or content changed); the full frame follows when idle. */
  preview(): void {
    if (this.disposed) return;
    this.cancel();
    if (this.quality === 'preview') {
      // A resize may have set the view back to its full pixel size since.
      this.hooks.setResolutionDivisor(this.divisor);
      return;
    }
    this.quality = 'preview';
    this.hooks.setStepMm(this.previewStepMm);
    this.hooks.setResolutionDivisor(this.divisor);
    this.hooks.setQuality('preview');
  }

  /** A frame was drawn: after a preview, the full frame is due once nothing else is drawn for `idleMs`. */
  rendered(): void {
    if (this.disposed || this.quality !== 'preview') return;
    this.cancel();
    this.timer = this.hooks.setTimer(() => {
      this.timer = undefined;
      this.full();
    }, this.idleMs);
  }

  /** Draws the full-quality frame now. */
  full(): void {
    if (this.disposed) return;
    this.cancel();
    if (this.quality === 'full') return;
    this.quality = 'full';
    this.hooks.setStepMm(this.fullStepMm);
    this.hooks.setResolutionDivisor(1);
    this.hooks.setQuality('full');
    this.hooks.render();
  }

  /** Stops the pending full frame for good (the view is going). */
  dispose(): void {
    this.cancel();
    this.disposed = true;
  }

  private cancel(): void {
    if (this.timer !== undefined) this.hooks.clearTimer(this.timer);
    this.timer = undefined;
  }
}
