import type { LoadProgress, MeasurementReading, PlanTool, ProbeReading, ViewerTool, ViewportInfo, ViewportSlot } from '../types';

/** What the UI observes of a session; a new object whenever anything changes. */
export interface SessionSnapshot {
  progress: LoadProgress;
  mode: 'mpr' | 'stack' | 'none';
  info: Partial<Record<ViewportSlot, ViewportInfo>>;
  probe?: ProbeReading;
  measurements: MeasurementReading[];
  tool: ViewerTool;
  /** Images that could not be decoded, with the decoder's reason. */
  decodeErrors: string[];
  /** The plan tool that owns the left button, if any. */
  planTool: PlanTool | null;
  /** Whether a window change in one MPR view is copied to the others. */
  windowLinked: boolean;
}

/** The session's observable state, in the shape React's `useSyncExternalStore` reads. */
export class SnapshotStore {
  private readonly listeners = new Set<() => void>();
  private closed = false;
  private snapshot: SessionSnapshot = {
    progress: { phase: 'headers', done: 0, total: 0 },
    mode: 'none',
    info: {},
    measurements: [],
    tool: 'windowLevel',
    decodeErrors: [],
    planTool: null,
    windowLinked: true,
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = (): SessionSnapshot => this.snapshot;

  /** A new snapshot with `patch` applied; ignored once closed (late callbacks of a destroyed session). */
  set(patch: Partial<SessionSnapshot>): void {
    if (this.closed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
  }
}
