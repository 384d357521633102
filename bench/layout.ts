/**
 * The layout and rendering rows of `npm run bench` (issue 17): the layout change to 2×2 with the
 * 3D view, and what SwiftShader costs (a frame with nothing drawn, measured in the same run) so
 * the MPR scroll step and the drag frame can be read against it.
 */
import type { BenchContext } from './browser';

/** One run of the layout rows. */
export async function layoutRun(ctx: BenchContext): Promise<void> {
  // Filled by the layout/3D work of issue 17.
  await Promise.resolve(ctx);
}

/** Declares the layout rows with their goals. */
export function layoutRows(ctx: BenchContext): void {
  const r = ctx.results;
  r.row('layout.twoByTwo3dMs', 'ms', { text: 'layout change to 2×2 with the 3D view < 2 s', max: 2000 });
  r.row('render.emptyFrameMs', 'ms');
}
