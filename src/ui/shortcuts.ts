import type { PlanTool, ViewerTool } from '../imaging';
import { WINDOW_PRESETS } from '../shared/windowPresets';

/** What a key does in the study view. One list serves the key handler and the help panel. */
export type ShortcutAction =
  | { kind: 'tool'; tool: ViewerTool }
  | { kind: 'preset'; presetId: string }
  | { kind: 'scroll'; delta: number }
  | { kind: 'reset' }
  | { kind: 'linkWindow' }
  | { kind: 'maximise' }
  | { kind: 'layout'; layout: Layout }
  | { kind: 'toggleIdentifiers' }
  | { kind: 'help' }
  | { kind: 'clearMeasurements' }
  | { kind: 'escape' }
  | { kind: 'planTool'; tool: PlanTool }
  | { kind: 'brushSize'; delta: number }
  | { kind: 'deleteSelected' }
  | { kind: 'keyImage' }
  | { kind: 'overlay' };

export type Layout = '1x1' | '1x3' | '2x2' | 'needle';

export interface Shortcut {
  keys: string[];
  label: string;
  action: ShortcutAction;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['ArrowUp', 'ArrowLeft'], label: 'Previous slice', action: { kind: 'scroll', delta: -1 } },
  { keys: ['ArrowDown', 'ArrowRight'], label: 'Next slice', action: { kind: 'scroll', delta: 1 } },
  { keys: ['PageUp'], label: '10 slices back', action: { kind: 'scroll', delta: -10 } },
  { keys: ['PageDown'], label: '10 slices on', action: { kind: 'scroll', delta: 10 } },
  { keys: ['w'], label: 'Window / level (drag)', action: { kind: 'tool', tool: 'windowLevel' } },
  { keys: ['c'], label: 'Crosshairs', action: { kind: 'tool', tool: 'crosshairs' } },
  { keys: ['l'], label: 'Length', action: { kind: 'tool', tool: 'length' } },
  { keys: ['a'], label: 'Angle', action: { kind: 'tool', tool: 'angle' } },
  { keys: ['p'], label: 'HU probe (click)', action: { kind: 'tool', tool: 'probe' } },
  { keys: ['m'], label: 'Pan (left drag; middle drag always pans)', action: { kind: 'tool', tool: 'pan' } },
  { keys: ['z'], label: 'Zoom (left drag; right drag always zooms)', action: { kind: 'tool', tool: 'zoom' } },
  ...WINDOW_PRESETS.map((p) => ({
    keys: [p.key],
    label: `${p.label} window (W ${p.widthHu} / L ${p.centerHu} HU)`,
    action: { kind: 'preset', presetId: p.id } as ShortcutAction,
  })),
  { keys: ['r'], label: 'Reset views (framed on the body)', action: { kind: 'reset' } },
  { keys: ['v'], label: 'Link / unlink the window across the axial, sagittal and coronal views (linked at start)', action: { kind: 'linkWindow' } },
  { keys: ['f'], label: 'Maximise / restore the active view (or double-click)', action: { kind: 'maximise' } },
  { keys: ['7'], label: 'Layout 1×1', action: { kind: 'layout', layout: '1x1' } },
  { keys: ['8'], label: 'Layout 1+2 (large axial; sagittal and coronal stacked beside it)', action: { kind: 'layout', layout: '1x3' } },
  { keys: ['9'], label: 'Layout 2×2 (with 3D bone)', action: { kind: 'layout', layout: '2x2' } },
  { keys: ['6'], label: "Needle layout: axial, probe's eye and two views along the selected needle", action: { kind: 'layout', layout: 'needle' } },
  { keys: ['g'], label: 'Plan: grow a lesion (click inside it; Shift-click regrows the selected one)', action: { kind: 'planTool', tool: 'grow' } },
  { keys: ['b'], label: 'Plan: brush into the selected lesion or structure', action: { kind: 'planTool', tool: 'brush' } },
  { keys: ['e'], label: 'Plan: eraser', action: { kind: 'planTool', tool: 'erase' } },
  { keys: ['x'], label: 'Plan: threshold inside a box into the selected structure', action: { kind: 'planTool', tool: 'box' } },
  { keys: ['t'], label: 'Plan: lay the selected structure as a tube, point by point', action: { kind: 'planTool', tool: 'tube' } },
  { keys: ['n'], label: 'Plan: place a needle (entry, then target) or drag one', action: { kind: 'planTool', tool: 'trajectory' } },
  { keys: ['['], label: 'Smaller brush', action: { kind: 'brushSize', delta: -1 } },
  { keys: [']'], label: 'Larger brush', action: { kind: 'brushSize', delta: 1 } },
  { keys: ['Backspace'], label: 'Delete the selected lesion, structure or needle', action: { kind: 'deleteSelected' } },
  { keys: ['i'], label: 'Hide / show patient identifiers', action: { kind: 'toggleIdentifiers' } },
  { keys: ['k'], label: 'Key image: save the active view with a caption to the case', action: { kind: 'keyImage' } },
  { keys: ['o'], label: 'Plan overlay on / off', action: { kind: 'overlay' } },
  { keys: ['Delete'], label: 'Delete all measurements', action: { kind: 'clearMeasurements' } },
  { keys: ['?', 'h'], label: 'This help', action: { kind: 'help' } },
  { keys: ['Escape'], label: 'Plan tool off / close help / restore the layout', action: { kind: 'escape' } },
];

/** The shortcut bound to a key, if any (letters case-insensitive). */
export function shortcutFor(key: string): Shortcut | undefined {
  const k = key.length === 1 ? key.toLowerCase() : key;
  return SHORTCUTS.find((s) => s.keys.includes(k));
}

/**
 * The keys that nudge a fused post-procedure CBCT (issue 18), active while the fusion is shown.
 * Alt keeps them apart from the single keys above (the study page ignores Alt); the handler is
 * imaging's nudgeForKey, these lines are what the help panel lists.
 */
export const FUSION_NUDGE_KEYS: readonly { keys: readonly string[]; label: string }[] = [
  { keys: ['Alt+←', 'Alt+→', 'Alt+↑', 'Alt+↓'], label: 'Move the CBCT 0.5 mm along the screen in the view under the mouse (with Shift: 2 mm)' },
  { keys: ['Alt+PgUp', 'Alt+PgDn'], label: 'Move the CBCT 0.5 mm out of / into the screen (with Shift: 2 mm)' },
  { keys: ['Alt+[', 'Alt+]'], label: 'Turn the CBCT 0.5° counter-clockwise / clockwise about the view normal through the region centre (with Shift: 2°)' },
];
