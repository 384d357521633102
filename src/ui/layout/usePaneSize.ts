import { useEffect, useState, type RefObject } from 'react';

/** The CSS-pixel size of an element, kept current with a ResizeObserver (0 × 0 until measured). */
export function usePaneSize(ref: RefObject<HTMLElement | null>, active: boolean): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el || !active) return;
    const measure = (): void => {
      const width = Math.round(el.clientWidth);
      const height = Math.round(el.clientHeight);
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, active]);
  return size;
}
