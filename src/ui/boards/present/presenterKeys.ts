/**
 * The presenter's keyboard (issue 14, "Presenting"): arrows and Page Up/Down move between cases,
 * Home/End jump to the first/last, F toggles full screen, S starts/stops the discussion, M the
 * meeting summary, Escape closes what is open. Keys typed into a field are text, not commands.
 */
export type PresenterAction = 'next' | 'previous' | 'first' | 'last' | 'fullscreen' | 'discussion' | 'summary' | 'close';

const KEYS: Readonly<Record<string, PresenterAction>> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  PageDown: 'next',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  PageUp: 'previous',
  Home: 'first',
  End: 'last',
  f: 'fullscreen',
  F: 'fullscreen',
  s: 'discussion',
  S: 'discussion',
  m: 'summary',
  M: 'summary',
  Escape: 'close',
};

/** What a key press does, or null (typing in a field, a modifier held, or an unbound key). */
export function presenterAction(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, typing: boolean): PresenterAction | null {
  // Escape still closes an overlay from a field; every other key belongs to the field.
  if (typing && e.key !== 'Escape') return null;
  // Ctrl/Cmd/Alt combinations are the browser's (Ctrl+F find, Alt+Left back).
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  return KEYS[e.key] ?? null;
}

/** Whether the key event's target is a place where keys are text (inputs, text areas, selects, editable content). */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as { tagName?: unknown }).tagName !== 'string') return false;
  const el = target as unknown as { tagName: string; isContentEditable?: boolean; type?: string };
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  // Checkboxes and buttons do not take text: the arrows still move between cases.
  return el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'range'].includes(el.type ?? 'text');
}

/** The index after an action on `count` cases from `index`, clamped at both ends (no wrap: the last case stays last). */
export function movedIndex(action: 'next' | 'previous' | 'first' | 'last', index: number, count: number): number {
  if (count <= 0) return 0;
  const to = action === 'next' ? index + 1 : action === 'previous' ? index - 1 : action === 'first' ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, to));
}
