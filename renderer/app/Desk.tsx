import { useEffect, useRef, useState, type RefObject } from 'react';
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
 * for the rest of the session (keyed by staff id): locking only lays the sign-in card over it
 * (the screen underneath is inert and hidden from assistive tech), so the same PIN brings back the
 * work exactly as it was; another person gets a fresh screen while the first one's waits, hidden,
 * until they sign in again. See docs/decisions.md, "Lock keeps the work".
 */
export function Desk({ status }: { status: AuthStatus }) {
  const current = status.staff?.id ?? null;
  const [kept, setKept] = useState<Kept[]>([]);
  // A person signing in for the first time this session gets a screen (state adjusted while rendering).
  if (current !== null && !kept.some((k) => k.staffId === current)) {
    setKept([...kept, { staffId: current, entry: kept.length === 0 ? hashPath() : '/' }]);
  }
  const open = current !== null && !status.locked;
  // A person no longer on the roster (deactivated) has no screen to come back to.
  const roles = new Map(status.roster.map((s) => [s.id, s.role] as const));
  if (status.staff) roles.set(status.staff.id, status.staff.role);
  return (
    <div className="desk-area">
      {kept
        .filter((k) => roles.has(k.staffId))
        .map((k) => (
          <KeptShell key={k.staffId} entry={k.entry} role={roles.get(k.staffId)!} shown={k.staffId === current} usable={open && k.staffId === current} />
        ))}
      {open ? <Toaster /> : <LockScreen status={status} overlay={kept.length > 0} />}
    </div>
  );
}

function KeptShell(props: { entry: string; role: Role; shown: boolean; usable: boolean }) {
  const [layer, setLayer] = useState<HTMLDivElement | null>(null);
  const root = useRef<HTMLDivElement>(null);
  useFocusMemory(root, props.usable);
  return (
    <div
      ref={root}
      className={`desk${props.shown ? '' : ' desk--away'}`}
      inert={!props.usable}
      aria-hidden={props.usable ? undefined : true}
    >
      <MemoryRouter initialEntries={[props.entry]}>
        <HashSync enabled={props.usable} />
        <DialogLayer.Provider value={layer}>
          <Shell role={props.role} />
        </DialogLayer.Provider>
      </MemoryRouter>
      {/* Dialogs of this screen live here, so they are inert and hidden with it. */}
      <div ref={setLayer} className="desk__layer" />
    </div>
  );
}

/** Remembers the last focused element of a screen and puts focus back there when it is usable again. */
function useFocusMemory(root: RefObject<HTMLDivElement | null>, usable: boolean): void {
  const last = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const remember = (e: FocusEvent) => void (last.current = e.target as HTMLElement);
    el.addEventListener('focusin', remember);
    return () => el.removeEventListener('focusin', remember);
  }, [root]);
  useEffect(() => {
    if (usable && last.current?.isConnected) last.current.focus({ preventScroll: true });
  }, [usable]);
}

/**
 * Each screen has its own router (a hidden screen must not follow the address bar); the usable one
 * mirrors its location into the window's hash and follows hash changes (links, typed addresses, tests).
 */
function HashSync({ enabled }: { enabled: boolean }) {
  const location = useLocation();
  const navigate = useNavigate();
  const here = location.pathname + location.search;
  const hereRef = useRef(here);
  useEffect(() => {
    hereRef.current = here;
    if (enabled && hashPath() !== here) window.location.hash = here;
  }, [enabled, here]);
  useEffect(() => {
    if (!enabled) return;
    const follow = () => {
      if (hashPath() !== hereRef.current) void navigate(hashPath());
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [enabled, navigate]);
  return null;
}
