/** Small shared pieces of the money screens: payment methods, printing, request ids. */
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { DocumentKind, PrintJob } from '../../../electron/contract/documents';
import type { PaymentMethod } from '../../../electron/contract/payments';
import { errorText } from '../../app/errors';
import { toast } from '../../components/Toast';
import { invoke } from '../../lib/api';

export function useMethods(includeInactive = false) {
  return useQuery({
    queryKey: ['paymentMethods', includeInactive],
    queryFn: () => invoke('paymentMethods.list', { includeInactive }),
    staleTime: 60_000,
  });
}

/**
 * The method a form sends: the one chosen (or preferred, e.g. a refunded payment's) while it is in
 * use, else the first method in use, so the select never shows one method while holding another.
 */
export function methodInUse(chosen: string | null, active: PaymentMethod[] | undefined): string {
  if (!active || active.length === 0) return chosen ?? '';
  return chosen !== null && active.some((m) => m.code === chosen) ? chosen : active[0]!.code;
}

/** A built-in method in the clerk's language; a custom one by its name; an unknown code as it is. */
export function methodLabel(t: TFunction, code: string, methods: PaymentMethod[] | undefined): string {
  const m = methods?.find((x) => x.code === code);
  if (m && !m.builtin) return m.name;
  const key = `payments.methods.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

/** Prints (or saves as PDF) a document through the app, and says how it went. */
export async function printDocument(
  t: TFunction,
  kind: DocumentKind,
  id: number,
  locale: 'en' | 'zh-CN',
  action: 'print' | 'pdf' = 'print',
): Promise<void> {
  await sayPrinted(t, () => invoke('documents.print', { kind, id, locale, action }));
}

/** Runs a print (or PDF) request and says how it went. */
export async function sayPrinted(t: TFunction, run: () => Promise<PrintJob>): Promise<void> {
  try {
    const job = await run();
    const text = t(`payments.print.${job.outcome}`, { title: job.title, detail: job.detail });
    if (job.outcome === 'failed') toast.error(text);
    else if (job.outcome === 'cancelled') toast.info(text);
    else toast.success(text);
  } catch (e) {
    toast.error(errorText(t, e));
  }
}

/** One id per submit: a double click or a retry is recorded once. */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether the signed-in staff member may use channels of `access` (the host checks again). */
/** The queries whose answers change when money moves. */
export const MONEY_KEYS = [['payments'], ['refunds'], ['invoices'], ['followups'], ['closeout'], ['payer'], ['members']] as const;
