import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
/** Asked before an in-app navigation; false keeps the user where they are (unsaved work). */
let leaveGuard: (() => boolean) | undefined;
let shownPath = location.pathname;

window.addEventListener('popstate', () => {
  if (location.pathname !== shownPath && leaveGuard && !leaveGuard()) {
    // Back/forward refused: put the page's own address back.
    history.pushState(null, '', shownPath);
    return;
  }
  shownPath = location.pathname;
  listeners.forEach((l) => l());
});

const subscribe = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/**
 * Sets the check run before leaving the page in-app (one page at a time holds work that can be
 * lost); returns the function that removes it.
 */
export function setLeaveGuard(guard: () => boolean): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = undefined;
  };
}

/** Whether the page may be left (no guard, or the user agrees to lose unsaved work). */
export function mayLeave(): boolean {
  return !leaveGuard || leaveGuard();
}

/** Client-side navigation that keeps deep links (/studies/<uid>) shareable; the leave guard may refuse it. */
export function navigate(path: string): void {
  if (path === location.pathname) return;
  if (leaveGuard && !leaveGuard()) return;
  history.pushState(null, '', path);
  shownPath = path;
  listeners.forEach((l) => l());
}

/** The current pathname, re-rendering on navigation. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}
