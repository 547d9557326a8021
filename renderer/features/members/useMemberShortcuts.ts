import { useEffect, useRef } from 'react';

/** The member page's keys: Alt+P take payment, Alt+S sell, Alt+C check in (Alt+letter: no browser or Electron key uses these). */
export const MEMBER_KEYS = { p: 'pay', s: 'sell', c: 'checkIn' } as const;
type Action = (typeof MEMBER_KEYS)[keyof typeof MEMBER_KEYS];

/**
 * Listens for the member page's shortcuts while `on` (the page shows a live member and no dialog is open).
 * Read from `e.code`, so a Chinese input method or a non-US layout still gives the same keys.
 */
export function useMemberShortcuts(on: boolean, actions: Record<Action, () => void>) {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    if (!on) return;
    function onKey(e: KeyboardEvent) {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      // Any dialog open (the page's own or one a section opened): the keys belong to it.
      if (document.querySelector('[role="dialog"]')) return;
      const letter = /^Key([A-Z])$/.exec(e.code)?.[1]?.toLowerCase();
      const action = letter ? MEMBER_KEYS[letter as keyof typeof MEMBER_KEYS] : undefined;
      if (!action) return;
      e.preventDefault();
      ref.current[action]();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [on]);
}
