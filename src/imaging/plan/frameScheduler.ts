/**
 * Runs a task at most once per animation frame however often it is asked for: the live
 * metrics follow a needle drag at the display's pace instead of at every pointer event.
 */
export class FrameScheduler {
  private frame = 0;

  constructor(
    private readonly task: () => void,
    private readonly request: (cb: () => void) => number = (cb) => requestAnimationFrame(cb),
    private readonly cancelRequest: (handle: number) => void = (h) => cancelAnimationFrame(h),
  ) {}

  /** Asks for the task to run at the next frame (once, however many times this is called before it). */
  schedule(): void {
    if (this.frame) return;
    this.frame = this.request(() => {
      this.frame = 0;
      this.task();
    });
  }

  /** Drops a run asked for and not yet done. */
  cancel(): void {
    if (this.frame) this.cancelRequest(this.frame);
    this.frame = 0;
  }
}
