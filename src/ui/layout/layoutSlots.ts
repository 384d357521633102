import type { ViewportSlot } from '../../imaging';
import type { Layout } from '../shortcuts';

/** The views of each layout, in grid order (the first is the large one of the MPR layout). */
export const LAYOUT_SLOTS: Record<Layout, ViewportSlot[]> = {
  '1x1': ['axial'],
  '1x3': ['axial', 'sagittal', 'coronal'],
  '2x2': ['axial', 'sagittal', 'coronal', 'volume3d'],
  needle: ['axial', 'probe', 'inplane0', 'inplane90'],
};

/** What the view grid shows: its views, and whether the needle views wait for a needle to be selected. */
export interface GridContent {
  slots: ViewportSlot[];
  /** The needle layout without a selected needle: the axial view and one "select a needle" message. */
  needleWanted: boolean;
}

/**
 * The grid's content. A stack shows alone; a maximised view alone; the needle layout without a
 * selected needle shows the axial view and a message instead of three needle views with nothing to follow.
 */
export function gridContent(mode: 'mpr' | 'stack' | undefined, layout: Layout, maximised: ViewportSlot | undefined, needleSelected: boolean): GridContent {
  if (mode === 'stack') return { slots: ['stack'], needleWanted: false };
  if (maximised) return { slots: [maximised], needleWanted: false };
  if (layout === 'needle' && !needleSelected) return { slots: ['axial'], needleWanted: true };
  return { slots: LAYOUT_SLOTS[layout], needleWanted: false };
}
