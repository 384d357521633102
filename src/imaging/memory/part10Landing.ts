/** The image id of the whole file a frame's image id names (its `frame=` parameter dropped). */
export const baseImageIdOf = (imageId: string): string => imageId.replace(/[?&]frame=\d+$/, '');

/**
 * Which whole-file (Part 10) image ids of a volume have had every one of their frames loaded:
 * a single-frame file is done with its one frame, a multi-frame file only when all its frames
 * are in (they share the file's pixel data). Only files whose pixels Cornerstone keeps in the
 * naturalized metadata (`wadouri:`) are tracked; others are ignored.
 */
export class Part10Landing {
  private readonly waiting = new Map<string, Set<string>>();

  constructor(imageIds: readonly string[]) {
    for (const id of imageIds) {
      const base = baseImageIdOf(id);
      if (!base.startsWith('wadouri:')) continue;
      let frames = this.waiting.get(base);
      if (!frames) this.waiting.set(base, (frames = new Set()));
      frames.add(id);
    }
  }

  /** Files still waiting for a frame. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Notes that `imageId` loaded; returns its file's base image id when that was its last frame. */
  landed(imageId: string): string | undefined {
    const base = baseImageIdOf(imageId);
    const frames = this.waiting.get(base);
    if (!frames?.delete(imageId) || frames.size > 0) return undefined;
    this.waiting.delete(base);
    return base;
  }
}
