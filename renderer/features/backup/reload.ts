import { toast } from '../../components/Toast';

const KEY = 'subdesk.flash';

/**
 * After a restore or import every screen's state belongs to the old data, so the app
 * reloads itself on the restored data (as a restart would) and shows `message` once it is back.
 */
export function reloadWithMessage(message: string): void {
  sessionStorage.setItem(KEY, message);
  window.location.reload();
}

/** Shows the message left by `reloadWithMessage`, once. */
export function showFlashMessage(): void {
  const text = sessionStorage.getItem(KEY);
  if (!text) return;
  sessionStorage.removeItem(KEY);
  toast.success(text);
}
