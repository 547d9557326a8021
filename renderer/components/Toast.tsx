import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Short notifications ("Plan saved") that fade after a few seconds.
 * Call `toast.success(text)` / `toast.error(text)` / `toast.warning(text)` / `toast.info(text)`
 * from anywhere; `<Toaster />` is rendered once by the shell. Messages are announced to
 * screen readers (a polite live region; errors assertive).
 */
export type ToastKind = 'success' | 'error' | 'warning' | 'info';
export interface ToastItem {
  id: number;
  kind: ToastKind;
  text: string;
}

const LIFETIME_MS = { success: 4000, info: 4000, warning: 7000, error: 8000 } satisfies Record<ToastKind, number>;
const MAX_SHOWN = 4;

let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function publish(next: ToastItem[]) {
  items = next;
  for (const l of listeners) l();
}

function show(kind: ToastKind, text: string): number {
  const id = nextId++;
  publish([...items, { id, kind, text }].slice(-MAX_SHOWN));
  return id;
}

export function dismissToast(id: number): void {
  publish(items.filter((i) => i.id !== id));
}

export const toast = {
  success: (text: string) => show('success', text),
  error: (text: string) => show('error', text),
  warning: (text: string) => show('warning', text),
  info: (text: string) => show('info', text),
};

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function Toaster() {
  const list = useSyncExternalStore(subscribe, () => items);
  return (
    <div className="toaster">
      {list.map((item) => (
        <Toast key={item.id} item={item} />
      ))}
    </div>
  );
}

function Toast({ item }: { item: ToastItem }) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(item.id), LIFETIME_MS[item.kind]);
    return () => clearTimeout(timer);
  }, [item]);
  return (
    <div className={`toast toast--${item.kind}`} role={item.kind === 'error' ? 'alert' : 'status'}>
      <span className="toast__text">{item.text}</span>
      <button type="button" className="toast__close" aria-label={t('ui.toast.dismiss')} onClick={() => dismissToast(item.id)}>
        ×
      </button>
    </div>
  );
}
