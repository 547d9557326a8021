import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { MemoryRouter, useLocation, useNavigate } from 'react-router-dom';
import type { AuthStatus } from '../../electron/contract';
import type { Role } from '../../electron/contract/define';
import { DialogLayer } from '../components/Dialog';
import { Toaster } from '../components/Toast';
import { LockScreen } from '../features/staff/LockScreen';
import { Shell } from './Shell';

interface Kept {
  staffId: number;
  /** Where this person's screen starts: the address bar for the first person, else the home route. */
  entry: string;
}

const hashPath = () => window.location.hash.slice(1) || '/';

/**
 * The signed-in part of the app. Each person who signs in gets a screen of their own, kept mounted
 * for the rest of the session (keyed by staff id). Locking takes the screen's element out of the
 * document (React keeps it and its state: the screen is rendered through a portal into an element of
 * its own) and shows the sign-in card, so nothing of it can be seen, reached or focused; the same PIN
 * puts it back exactly as it was, scroll and focus included. Another person gets a fresh screen while
 * the first one's waits for them. See docs/decisions.md, "The lock keeps the work".
 */
export function Desk({ status }: { status: AuthStatus }) {
  const current = status.staff?.id ?? null;
  const [kept, setKept] = useState<Kept[]>([]);
  const [area, setArea] = useState<HTMLDivElement | null>(null);
  // A person signing in for the first time this session gets a screen (state adjusted while rendering).
  if (current !== null && !kept.some((k) => k.staffId === current)) {
    setKept([...kept, { staffId: current, entry: kept.length === 0 ? hashPath() : '/' }]);
  }
  const open = current !== null && !status.locked;
  // A person no longer on the roster (deactivated) has no screen to come back to.
  const roles = new Map(status.roster.map((s) => [s.id, s.role] as const));
  if (status.staff) roles.set(status.staff.id, status.staff.role);
  return (
    <div className="desk-area" ref={setArea}>
      {kept
        .filter((k) => area && roles.has(k.staffId))
        .map((k) => (
          <KeptShell key={k.staffId} area={area} entry={k.entry} role={roles.get(k.staffId)!} usable={open && k.staffId === current} />
        ))}
      {open ? <Toaster /> : <LockScreen status={status} />}
    </div>
  );
}

function KeptShell(props: { area: HTMLElement | null; entry: string; role: Role; usable: boolean }) {
  const [host] = useState(() => Object.assign(document.createElement('div'), { className: 'desk' }));
  return createPortal(
    <>
      {/* First, so the element is in the document before anything below mounts (autofocus needs it). */}
      <Attach host={host} area={props.area} usable={props.usable} />
      <MemoryRouter initialEntries={[props.entry]}>
        <HashSync enabled={props.usable} />
        {/* This screen's dialogs live in its element, so they leave and come back with it. */}
        <DialogLayer.Provider value={host}>
          <Shell role={props.role} />
        </DialogLayer.Provider>
      </MemoryRouter>
    </>,
    host,
  );
}

/**
 * Puts the screen's element in the desk area while it is usable and takes it out otherwise; what the
 * browser forgets about a detached element (scroll positions, focus) is noted on the way out and given back.
 */
function Attach({ host, area, usable }: { host: HTMLElement; area: HTMLElement | null; usable: boolean }): null {
  const lastFocus = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const remember = (e: FocusEvent) => void (lastFocus.current = e.target as HTMLElement);
    host.addEventListener('focusin', remember);
    return () => host.removeEventListener('focusin', remember);
  }, [host]);
  useLayoutEffect(() => {
    if (!usable || !area) return;
    area.prepend(host);
    const focus = lastFocus.current;
    if (focus && host.contains(focus)) focus.focus({ preventScroll: true });
    return () => {
      const scrolled = [...host.querySelectorAll<HTMLElement>('*')].filter((el) => el.scrollTop || el.scrollLeft).map((el) => [el, el.scrollTop, el.scrollLeft] as const);
      host.remove();
      scrolledBack.set(host, scrolled);
    };
  }, [host, area, usable]);
  useLayoutEffect(() => {
    if (!usable) return;
    for (const [el, top, left] of scrolledBack.get(host) ?? []) el.scrollTo({ top, left });
    scrolledBack.delete(host);
  }, [host, usable]);
  return null;
}

const scrolledBack = new WeakMap<HTMLElement, (readonly [HTMLElement, number, number])[]>();

/**
 * Each screen has its own router (a hidden screen must not follow the address bar); the usable one
 * mirrors its location into the window's hash and follows hash changes (links, typed addresses, tests).
 * The mirror runs while the screen is drawn (a layout effect), so it can never land after something
 * else has changed the address; and an address changed since this screen last wrote or followed it
 * wins over the screen's own, rather than being written over.
 */
function HashSync({ enabled }: { enabled: boolean }) {
  const location = useLocation();
  const navigate = useNavigate();
  const here = location.pathname + location.search;
  const hereRef = useRef(here);
  // The address this screen last wrote or followed; null while it is not the usable one.
  const synced = useRef<string | null>(null);
  useLayoutEffect(() => {
    hereRef.current = here;
    if (!enabled) {
      synced.current = null;
      return;
    }
    const bar = hashPath();
    if (bar !== here) {
      // A screen that has just become usable shows its own place; otherwise a bar that moved on is news.
      if (synced.current !== null && bar !== synced.current) void navigate(bar);
      else window.location.hash = here;
    }
    synced.current = hashPath();
  }, [enabled, here, navigate]);
  useEffect(() => {
    if (!enabled) return;
    const follow = () => {
      synced.current = hashPath();
      if (hashPath() !== hereRef.current) void navigate(hashPath());
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [enabled, navigate]);
  return null;
}
