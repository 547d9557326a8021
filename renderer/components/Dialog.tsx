import { createContext, useContext, useEffect, useId, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useScrollRegion } from './useScrollRegion';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Where dialogs are mounted: the screen they belong to provides it, so a locked or hidden screen's
 * dialog is locked or hidden with it (and keeps its half-filled fields). Default: the document body.
 */
export const DialogLayer = createContext<HTMLElement | null>(null);

/**
 * A modal dialog. Mount it to open it, unmount it to close it:
 * `{editing && <Dialog title=… onClose={() => setEditing(null)} onSubmit={save}>…</Dialog>}`.
 *
 * - Focus moves into the dialog (the element marked `data-autofocus`, else the first field,
 *   else the submit button),
 *   Tab and Shift+Tab stay inside, and focus returns to where it was when the dialog closes.
 * - Escape and the × button call `onClose` (unless `busy`).
 * - With `onSubmit` the body is a form: Enter in a field submits, and the footer gets
 *   Cancel + a submit button labelled `submitLabel`. Pass `footer` to replace that footer.
 */
export function Dialog(props: {
  title: string;
  onClose: () => void;
  onSubmit?: () => void;
  submitLabel?: string;
  /** While true the buttons are disabled and Escape does nothing (a save is in flight). */
  busy?: boolean;
  /** Style of the submit button. */
  danger?: boolean;
  size?: 'small' | 'medium' | 'large';
  footer?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const { onClose, busy } = props;
  const layer = useContext(DialogLayer);
  const bodyRef = useRef<HTMLDivElement>(null);
  // A long body scrolls; when it holds only text (a receipt, an invoice) Tab must still reach it to scroll.
  const bodyRegion = useScrollRegion(bodyRef, props.title);

  // Focus in on open, back out on close.
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const root = ref.current;
    // The marked element, else the first field, else the submit button (so Enter confirms), else the dialog.
    const items = focusables(root);
    const first =
      root?.querySelector<HTMLElement>('[data-autofocus]') ??
      items.find((el) => el.matches('input, select, textarea')) ??
      items.find((el) => el.matches('[type="submit"]'));
    (first ?? root)?.focus();
    return () => {
      if (previous && document.contains(previous)) previous.focus();
    };
  }, []);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      if (!busy) onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = focusables(ref.current);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && (document.activeElement === first || document.activeElement === ref.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!busy) props.onSubmit?.();
  }

  const footer =
    props.footer ??
    (props.onSubmit ? (
      <>
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="submit" className={`btn ${props.danger ? 'btn--danger' : 'btn--primary'}`} disabled={busy}>
          {props.submitLabel ?? t('common.save')}
        </button>
      </>
    ) : null);

  const body = (
    <>
      <header className="dialog__header">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" className="dialog__close" aria-label={t('ui.dialog.close')} onClick={onClose} disabled={busy}>
          ×
        </button>
      </header>
      <div ref={bodyRef} className="dialog__body" {...bodyRegion}>
        {props.children}
      </div>
      {footer ? <footer className="dialog__actions">{footer}</footer> : null}
    </>
  );

  return createPortal(
    // A click on the backdrop does not close: a stray click must not lose a half-filled form.
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={`dialog dialog--${props.size ?? 'medium'}`}
        onKeyDown={onKeyDown}
      >
        {props.onSubmit ? (
          <form onSubmit={submit} noValidate className="dialog__form">
            {body}
          </form>
        ) : (
          body
        )}
      </div>
    </div>,
    layer ?? document.body,
  );
}

function focusables(root: HTMLElement | null): HTMLElement[] {
  if (!root) return [];
  // Only what Tab reaches: visible, and not taken out of the tab order (e.g. the unselected options of a radio group).
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.tabIndex >= 0 && (el.offsetParent !== null || el === document.activeElement));
}
