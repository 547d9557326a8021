import { useEffect, useState, type RefObject } from 'react';

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
  // Measured in the observers' callbacks, after the browser's own layout: never a forced layout of its own
  // (once per render it was one per frame while a virtual list scrolled). The box and its children are
  // watched for size (rows arrive, a virtual list grows, the window is resized), the box for children replaced.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setScrolls(el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
    const resize = new ResizeObserver(measure);
    const watch = () => {
      resize.disconnect();
      resize.observe(el);
      for (const child of el.children) resize.observe(child);
    };
    watch();
    const children = new MutationObserver(watch);
    children.observe(el, { childList: true });
    // Inside a closed <details> the box is skipped by layout, and opening it reports no resize: measure on toggle.
    const details = el.closest('details');
    details?.addEventListener('toggle', measure);
    return () => {
      resize.disconnect();
      children.disconnect();
      details?.removeEventListener('toggle', measure);
    };
  }, [ref]);
  return scrolls ? { tabIndex: 0, role: 'region', 'aria-label': label } : {};
}
