import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

/**
 * A button that asks before it acts: clicking opens a small dialog with `message`; the
 * action runs only on Confirm (Enter), and Escape or Cancel leaves everything as it was.
 * `onConfirm` may be async: the dialog stays open and disabled until it settles, then
 * closes (a failure is for the caller to report, e.g. with a toast).
 */
export function ConfirmButton(props: {
  children: ReactNode;
  message: ReactNode;
  onConfirm: () => unknown;
  title?: string;
  confirmLabel?: string;
  /** Red confirm button, for destructive actions (void, archive, delete). */
  danger?: boolean;
  className?: string;
  disabled?: boolean;
  /** Accessible name when the visible label is ambiguous (e.g. "Archive Gold Monthly"). */
  ariaLabel?: string;
  /** The channel the confirmed action calls (marks the button for the access checks). */
  channel?: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    try {
      await props.onConfirm();
    } finally {
      setBusy(false);
      setOpen(false);
    }
  }

  return (
    <>
      <button type="button" className={props.className ?? 'btn'} disabled={props.disabled} aria-label={props.ariaLabel} data-channel={props.channel} onClick={() => setOpen(true)}>
        {props.children}
      </button>
      {open ? (
        <Dialog
          title={props.title ?? t('ui.confirm.title')}
          size="small"
          onClose={() => setOpen(false)}
          onSubmit={() => void confirm()}
          submitLabel={props.confirmLabel ?? t('common.confirm')}
          danger={props.danger}
          busy={busy}
        >
          <div className="dialog__message">{props.message}</div>
        </Dialog>
      ) : null}
    </>
  );
}
