import type { PlanTool } from '../types';

/** The status line shown when a tool is picked: what its gestures do. */
export const TOOL_HINTS: Readonly<Record<PlanTool, string>> = {
  grow: 'Click inside a lytic lesion to grow it (Shift-click regrows the selected lesion); with a structure selected, click inside it to grow the structure',
  tube: 'Click along the selected structure (a nerve root, a vessel) to lay a tube through the points',
  brush: 'Drag to paint into the selected lesion or structure ([ and ] change the size)',
  erase: 'Drag to erase from the selected lesion or structure',
  trajectory: 'Click the entry, then the target (Shift-click the target first); drag an end or the shaft to move it',
  box: 'Drag a box over the structure: the voxels in the HU range inside it become the selected structure',
};

/** Why a tool did nothing: the volume's voxels have not all arrived. */
export const VOLUME_LOADING = 'The volume is still loading: planning starts when it is complete.';

/** Tools that draw a cursor (the brush's circle) or a rubber band (a pending needle) under the pointer. */
export const HOVER_TOOLS: readonly PlanTool[] = ['trajectory', 'brush', 'erase'];
