import { useSyncExternalStore } from 'react';

/** Settings a user keeps between sessions on this browser. */
export interface Preferences {
  /** Hide every patient identifier: for tumour-board screens and teaching. */
  hideIdentifiers: boolean;
}

const KEY = 'percuplan.preferences';
const listeners = new Set<() => void>();

function load(): Preferences {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Preferences>;
    return { hideIdentifiers: raw.hideIdentifiers === true };
  } catch {
    return { hideIdentifiers: false };
  }
}

let current = load();

/** Updates preferences, persists them and notifies subscribers. */
export function setPreferences(patch: Partial<Preferences>): void {
  current = { ...current, ...patch };
  localStorage.setItem(KEY, JSON.stringify(current));
  listeners.forEach((l) => l());
}

export function usePreferences(): Preferences {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
