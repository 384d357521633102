import { Enums, eventTarget } from '@cornerstonejs/core';
import { Enums as ToolEnums } from '@cornerstonejs/tools';
import type { ListenerBag } from './listenerBag';

/** What Cornerstone's global events drive in the session. */
export interface GlobalEventHooks {
  /** An image could not be loaded or decoded; `message` names the frame and the reason. */
  onDecodeError(message: string): void;
  /** A measurement was drawn, edited or removed. */
  onAnnotationChange(): void;
}

/** The message for a failed image load: the frame (when the image id names one) and the decoder's reason. */
export function decodeErrorMessage(detail: { imageId?: string; error?: unknown } | undefined): string {
  const e = detail?.error as { message?: string } | string | undefined;
  const reason = typeof e === 'string' ? e : (e?.message ?? 'unknown decoder error');
  const frame = /[?&]frame=(\d+)/.exec(detail?.imageId ?? '')?.[1];
  return `${frame ? `frame ${frame}: ` : ''}${reason}`;
}

/**
 * Listens on Cornerstone's own event target, where it raises image-load failures and (not
 * on elements) annotation events; the listeners go into `bag`.
 */
export function listenToCornerstone(bag: ListenerBag, hooks: GlobalEventHooks): void {
  const onLoadFailed = (evt: Event): void =>
    hooks.onDecodeError(decodeErrorMessage((evt as CustomEvent<{ imageId?: string; error?: unknown }>).detail));
  for (const ev of [Enums.Events.IMAGE_LOAD_FAILED, Enums.Events.IMAGE_LOAD_ERROR]) bag.on(eventTarget, ev, onLoadFailed);
  for (const ev of [ToolEnums.Events.ANNOTATION_COMPLETED, ToolEnums.Events.ANNOTATION_MODIFIED, ToolEnums.Events.ANNOTATION_REMOVED]) {
    bag.on(eventTarget, ev, () => hooks.onAnnotationChange());
  }
}
