/** Desk actions on issued documents: void an unsettled invoice, credit whole or part lines. */
import { roundHalfUp } from '../billing/money';
import type { CreditNote, InvoiceDetail } from '../contract/billing-types';
import { AppError } from '../contract/errors';
import type { AuditFn, BillingEnv } from './env';
import { issueCreditNote, type CreditLineDraft } from './issue';
import { getCreditNote, getInvoiceDetail } from './read';
import { prepared } from '../db/statements';
import { assertDayOpen } from '../closeout/lock';

interface LineRow {
  id: number;
  invoice_id: number;
  description: string;
  subscription_id: number | null;
  period_start: string | null;
  period_end: string | null;
  tax_rate_bp: number;
  net: number;
  tax: number;
  gross: number;
}

function invoiceRow(env: BillingEnv, id: number) {
  const row = prepared<[number], { id: number; payer_id: number; status: string; total: number }>(env.db, 'SELECT id, payer_id, status, total FROM invoices WHERE id = ?')
    .get(id);
  if (!row) throw new AppError('NOT_FOUND', `Invoice ${id} does not exist.`, { entity: 'invoice', id });
  if (row.status === 'void') throw new AppError('INVOICE_VOID', `Invoice ${id} is void.`, { id });
  return row;
}

/** Voids an invoice nothing has settled. It keeps its number; its periods stay billed (not billed again). */
export function voidInvoice(env: BillingEnv, id: number, reason: string, audit: AuditFn): InvoiceDetail {
  invoiceRow(env, id);
  const today = env.today();
  const before = getInvoiceDetail(env.db, id, today);
  const creditNotes = prepared<[number], { n: number }>(env.db, 'SELECT COUNT(*) AS n FROM credit_notes WHERE invoice_id = ?').get(id)?.n ?? 0;
  if (before.settled > 0 || creditNotes > 0) {
    throw new AppError('INVOICE_SETTLED', `Invoice ${before.number} has payments or credits applied.`, { id, settled: before.settled, creditNotes });
  }
  // A closed day's invoices are corrected with credit notes on an open day, never edited.
  assertDayOpen(env.db, before.issueDate);
  prepared(env.db, "UPDATE invoices SET status = 'void', void_reason = ?, voided_at = ? WHERE id = ?").run(reason, env.now().toISOString(), id);
  const after = getInvoiceDetail(env.db, id, today);
  audit('invoice', id, { status: before.status }, { status: 'void', reason });
  return after;
}

export interface ManualCreditInput {
  invoiceId: number;
  lines: { invoiceLineId: number; amount?: number | undefined }[];
  settlement: 'credit' | 'refund';
  refundMethod?: string | undefined;
  reason: string;
}

/**
 * A credit note against an invoice's lines: a whole line (what is left of its gross) or part of
 * it. Never more than what is left to credit on the line. A whole remainder reverses the line's
 * own net and tax exactly; a part splits the gross in the line's own net:tax proportion.
 */
export function createManualCreditNote(env: BillingEnv, input: ManualCreditInput, audit: AuditFn): CreditNote {
  const inv = invoiceRow(env, input.invoiceId);
  const lineById = prepared<[number, number], LineRow>(env.db, 'SELECT * FROM invoice_lines WHERE id = ? AND invoice_id = ?');
  const creditedOf = prepared<[number], { net: number; tax: number; gross: number }>(env.db, 
    'SELECT COALESCE(SUM(net), 0) AS net, COALESCE(SUM(tax), 0) AS tax, COALESCE(SUM(gross), 0) AS gross FROM credit_note_lines WHERE invoice_line_id = ?',
  );
  const pending = new Map<number, { net: number; tax: number; gross: number }>();
  const drafts: CreditLineDraft[] = input.lines.map(({ invoiceLineId, amount }) => {
    const line = lineById.get(invoiceLineId, inv.id);
    if (!line) throw new AppError('NOT_FOUND', `Line ${invoiceLineId} is not on invoice ${inv.id}.`, { entity: 'invoice_line', id: invoiceLineId });
    const done = creditedOf.get(line.id) ?? { net: 0, tax: 0, gross: 0 };
    const extra = pending.get(line.id) ?? { net: 0, tax: 0, gross: 0 };
    const left = { net: line.net - done.net - extra.net, tax: line.tax - done.tax - extra.tax, gross: line.gross - done.gross - extra.gross };
    const gross = amount ?? left.gross;
    if (left.gross <= 0 || gross > left.gross) {
      throw new AppError('CREDIT_EXCEEDS_LINE', `At most ${Math.max(0, left.gross)} is left to credit on line ${line.id}.`, {
        invoiceLineId: line.id,
        left: Math.max(0, left.gross),
        requested: gross,
      });
    }
    const tax = gross === left.gross ? left.tax : roundHalfUp(BigInt(gross) * BigInt(line.tax), BigInt(line.gross));
    const taxed = { net: gross - tax, tax, gross };
    pending.set(line.id, { net: extra.net + taxed.net, tax: extra.tax + taxed.tax, gross: extra.gross + taxed.gross });
    return {
      ...taxed,
      invoiceLineId: line.id,
      subscriptionId: line.subscription_id,
      description: line.description,
      periodStart: line.period_start,
      periodEnd: line.period_end,
      taxRateBp: line.tax_rate_bp,
    };
  });
  const cn = issueCreditNote(
    env,
    {
      payerId: inv.payer_id,
      invoiceId: inv.id,
      issueDate: env.today(),
      reason: input.reason,
      settlement: input.settlement,
      refundMethod: input.refundMethod,
      lines: drafts,
    },
    audit,
  );
  return getCreditNote(env.db, cn.id);
}
