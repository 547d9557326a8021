import { useLayoutEffect, useState, type RefObject } from 'react';

export interface ScrollRegionProps {
  tabIndex?: number;
  role?: 'region';
  'aria-label'?: string;
}

/**
 * Makes a box that scrolls reachable from the keyboard: while its content overflows it is a named,
 * focusable region (Tab reaches it, the arrow keys and Page Up/Down scroll it, a screen reader names it).
 * While everything fits it adds no tab stop. Spread the result on the scrolling element:
 * `<div ref={ref} className="…" {...useScrollRegion(ref, t('…'))}>`.
 */
export function useScrollRegion(ref: RefObject<HTMLElement | null>, label: string): ScrollRegionProps {
  const [scrolls, setScrolls] = useState(false);
  // After every render (rows arrive, a virtual list grows) and whenever the box is resized.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setScrolls(el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    for (const child of el.children) observer.observe(child);
    return () => observer.disconnect();
  });
  return scrolls ? { tabIndex: 0, role: 'region', 'aria-label': label } : {};
}
