import type { MouseEvent } from 'react';
import { navigate } from '../../useNavigation';

/** Follows an in-app link without reloading the page; a modified click (new tab) is left to the browser. */
export function followLink(e: MouseEvent<HTMLAnchorElement>, path: string): void {
  if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(path);
}
