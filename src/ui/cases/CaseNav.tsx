import { useEffect, useState, type RefObject } from 'react';

/** One entry of the case side menu: the section's element id and its name. */
export interface NavEntry {
  readonly id: string;
  readonly label: string;
}

/** How far below the visible top of the form a section's heading may be and still count as "the one being read". */
const READING_LINE_PX = 24;

/**
 * The section being read: the last one whose top has passed the reading line near the visible
 * top of the form (below the sticky "missing for a decision" summary, which covers what is under
 * it), or the last section once the form is scrolled to its end (a short last section never
 * reaches the line).
 */
export function sectionInView(container: HTMLElement, ids: readonly string[]): string | undefined {
  const sticky = container.querySelector('.missing-summary');
  const line = Math.max(container.getBoundingClientRect().top, sticky?.getBoundingClientRect().bottom ?? 0) + READING_LINE_PX;
  let current = ids[0];
  for (const id of ids) {
    const el = container.ownerDocument.getElementById(id);
    if (el && el.getBoundingClientRect().top <= line) current = id;
  }
  const atEnd = container.scrollTop > 0 && container.scrollTop + container.clientHeight >= container.scrollHeight - 2;
  return atEnd ? ids.at(-1) : current;
}

/** The case side menu, highlighting the section in view as the form scrolls. */
export function CaseNav({ entries, scroller }: { entries: readonly NavEntry[]; scroller: RefObject<HTMLElement | null> }) {
  const [active, setActive] = useState<string | undefined>(entries[0]?.id);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ids = entries.map((e) => e.id);
    const update = (): void => setActive(sectionInView(el, ids));
    update();
    el.addEventListener('scroll', update, { passive: true });
    return () => el.removeEventListener('scroll', update);
  }, [entries, scroller]);
  return (
    <nav className="case-nav" data-testid="case-nav">
      {entries.map((e) => (
        <a key={e.id} href={`#${e.id}`} className={active === e.id ? 'active' : undefined} aria-current={active === e.id ? 'location' : undefined}>
          {e.label}
        </a>
      ))}
    </nav>
  );
}
