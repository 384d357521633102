import type { Types } from '@cornerstonejs/core';
import { cache } from '@cornerstonejs/core';
import type { InstanceListing } from '../../dicom/studyListing';
import { fetchInstances } from '../fetchInstances';
import type { ViewportSlot } from '../types';
import type { SnapshotStore } from './snapshotStore';
import type { ViewportLifecycle } from './viewportLifecycle';
import { loadStreamingVolume } from './volumeLoading';

/** What loading needs from the session around it. */
export interface SeriesLoaderHooks {
  isDestroyed(): boolean;
  markDirty(slot: ViewportSlot): void;
  /** The volume is complete and its views are on screen. */
  onVolumeReady(): void;
}

/**
 * Loads the session's series, as a streaming volume (MPR, 3D, needle views) or as a stack,
 * and reports progress in the session's snapshot. Holds what was loaded.
 */
export class SeriesLoader {
  volumeId?: string;
  stackImageIds?: string[];
  /** Set once the volume's first frame has loaded; the next render marks `percuplan:first-image` (benchmark). */
  private awaitingFirstImage = false;

  constructor(
    private readonly sessionId: number,
    private readonly store: SnapshotStore,
    private readonly views: ViewportLifecycle,
    private readonly hooks: SeriesLoaderHooks,
  ) {}

  /** Loads a series as a volume and shows it in the MPR (and 3D) viewports. */
  async loadVolume(instances: readonly InstanceListing[]): Promise<void> {
    const { store } = this;
    store.set({ mode: 'mpr', progress: { phase: 'headers', done: 0, total: instances.length } });
    try {
      const { frameCount } = await loadStreamingVolume(this.sessionId, instances, {
        isDestroyed: () => this.hooks.isDestroyed(),
        onHeaders: (done, total) => store.set({ progress: { phase: 'headers', done, total } }),
        onCreated: (volumeId, total) => {
          this.volumeId = volumeId;
          store.set({ progress: { phase: 'pixels', done: 0, total } });
        },
        onStreaming: () => this.views.ensureAll(),
        onPixels: (done, total) => {
          if (store.get().progress.phase === 'pixels') store.set({ progress: { phase: 'pixels', done, total } });
        },
        onFirstFrame: () => {
          this.awaitingFirstImage = true;
        },
        renderVolumeViews: () => this.renderVolumeViews(),
      });
      for (const slot of this.views.slots) this.hooks.markDirty(slot);
      // The views are framed on the body before anyone told of the ready volume moves them (to a plan).
      this.hooks.onVolumeReady();
      store.set({ progress: { phase: 'ready', done: frameCount, total: frameCount } });
    } catch (e) {
      store.set({ progress: { phase: 'error', done: 0, total: instances.length, message: e instanceof Error ? e.message : String(e) } });
    }
  }

  /** Loads a series as a stack of images in the stack viewport. */
  async loadStack(instances: readonly InstanceListing[]): Promise<void> {
    const { store } = this;
    store.set({ mode: 'stack', progress: { phase: 'headers', done: 0, total: instances.length } });
    try {
      this.stackImageIds = await fetchInstances(instances, (done, total) => store.set({ progress: { phase: 'headers', done, total } }));
      this.views.ensure('stack');
      store.set({ progress: { phase: 'ready', done: instances.length, total: instances.length } });
    } catch (e) {
      store.set({ progress: { phase: 'error', done: 0, total: instances.length, message: e instanceof Error ? e.message : String(e) } });
    }
  }

  /** For `npm run bench`: marks the first frame a 2D volume view drew after the first slice arrived. */
  noteRendered(slot: ViewportSlot): void {
    if (!this.awaitingFirstImage || slot === 'volume3d' || slot === 'stack') return;
    this.awaitingFirstImage = false;
    performance.mark('percuplan:first-image');
  }

  /** Renders the views that already show the volume; returns how many. */
  private renderVolumeViews(): number {
    if (this.hooks.isDestroyed()) return 0;
    const ids = [...this.views.slots].filter((slot) => slot !== 'stack' && (this.views.viewport(slot) as Types.IVolumeViewport | undefined)?.getDefaultActor?.());
    if (ids.length) this.views.engine.renderViewports(ids);
    return ids.length;
  }

  /** Frees the volume from Cornerstone's cache. */
  destroy(): void {
    if (this.volumeId) cache.removeVolumeLoadObject(this.volumeId);
  }
}
