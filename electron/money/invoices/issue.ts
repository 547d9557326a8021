/**
 * Issuing documents: invoices (from line drafts) and credit notes. Both run inside the
 * caller's transaction: the number, the rows, the credit application and the audit entry
 * commit together or not at all.
 */
import { addDays } from '../../../shared/dates';
import { taxOfLine, type TaxedLine, type TaxMode } from '../../billing/tax';
import type { InvoiceLineKind } from '../../contract/billing-types';
import { AppError } from '../../../shared/errors';
import { assertDayOpen } from '../closeout/lock';
import { allocate, applyCredit, invoiceSettled } from '../ledger/ledger';
import type { AuditFn, BillingEnv } from './env';
import { nextDocumentNumber } from './sequence';
import { activeMethod } from '../payments/methods';
import { prepared } from '../../db/statements';
import { lineFacts } from './facts';

export interface LineDraft {
  kind: InvoiceLineKind;
  description: string;
  subscriptionId?: number | null;
  addonId?: number | null;
  planId?: number | null;
  periodStart?: string | null;
  periodEnd?: string | null;
  /** Price or prorated price before tax treatment; negative for credits and discounts. */
  amount: number;
  taxRateBp: number;
  /**
   * Whom the line is for (the member on the subscription or pack); defaults from the subscription,
   * else the payer. The four facts below are worked out from the subscription when left
   * undefined (electron/money/invoices/facts.ts); null states "none".
   */
  memberId?: number | null;
  /** The full-period price the line was prorated from (before discounts); null for lines without one. */
  listPrice?: number | null;
  /** Days of service this line covers, and the length of the whole period it was prorated against. */
  daysUsed?: number | null;
  daysInPeriod?: number | null;
}

export function taxMode(env: BillingEnv): TaxMode {
  return env.settings.get().pricesIncludeTax ? 'inclusive' : 'exclusive';
}

export interface IssuedInvoice {
  id: number;
  number: string;
  total: number;
}

/**
 * Issues one invoice for `payerId` dated `issueDate`: tax per line (half-up, in the business's
 * tax mode), the next gapless number, due date = issue + payment terms; then the payer's account
 * credit is applied. Throws on an empty invoice or a negative total (callers net credits first).
 */
export function issueInvoice(
  env: BillingEnv,
  input: { payerId: number; issueDate: string; lines: LineDraft[]; runId?: number | null },
  audit: AuditFn,
): IssuedInvoice {
  if (input.lines.length === 0) throw new Error('an invoice needs at least one line');
  // A closed day's money is final (日结): say so with its code rather than a trigger failure.
  assertDayOpen(env.db, input.issueDate);
  const settings = env.settings.get();
  const mode = taxMode(env);
  const taxed = input.lines.map((l) => ({ ...l, ...taxOfLine(l.amount, l.taxRateBp, mode) }));
  const sum = (f: (t: TaxedLine) => number) => taxed.reduce((s, t) => s + f(t), 0);
  const total = sum((t) => t.gross);
  if (total < 0) throw new Error(`invoice total would be negative (${total})`);
  const at = env.now().toISOString();
  const number = nextDocumentNumber(env.db, 'invoice', settings.invoiceNumberFormat, input.issueDate);
  const dueDate = addDays(input.issueDate, settings.paymentTermsDays);
  const info = prepared(env.db, 
      `INSERT INTO invoices (number, payer_id, issue_date, due_date, currency, subtotal, tax_total, total, run_id, created_at, tax_mode)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(number, input.payerId, input.issueDate, dueDate, settings.currency, sum((t) => t.net), sum((t) => t.tax), total, input.runId ?? null, at, mode);
  const id = Number(info.lastInsertRowid);
  const insertLine = prepared(env.db, 
    `INSERT INTO invoice_lines (invoice_id, position, kind, description, subscription_id, addon_id, plan_id, period_start,
       period_end, amount, tax_rate_bp, net, tax, gross, member_id, list_price, days_used, days_in_period)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const facts = lineFacts(env.db, input.payerId, input.lines);
  taxed.forEach((l, i) => {
    const f = facts[i]!;
    insertLine.run(id, i + 1, l.kind, l.description, l.subscriptionId ?? null, l.addonId ?? null, l.planId ?? null,
      l.periodStart ?? null, l.periodEnd ?? null, l.amount, l.taxRateBp, l.net, l.tax, l.gross,
      f.memberId, f.listPrice, f.daysUsed, f.daysInPeriod);
  });
  audit('invoice', id, null, { number, payerId: input.payerId, issueDate: input.issueDate, dueDate, total, lines: taxed.length });
  applyCredit(env.db, input.payerId, input.issueDate, at, audit);
  return { id, number, total };
}

export interface CreditLineDraft extends TaxedLine {
  invoiceLineId?: number | null;
  subscriptionId?: number | null;
  description: string;
  periodStart?: string | null;
  periodEnd?: string | null;
  taxRateBp: number;
}

export interface CreditNoteInput {
  payerId: number;
  invoiceId: number | null;
  issueDate: string;
  reason: string;
  settlement: 'credit' | 'refund';
  refundMethod?: string | undefined;
  /** Who gives the money back (the refunds row keeps id and name). */
  staff?: { id: number; name: string } | null | undefined;
  lines: CreditLineDraft[];
}

/** A credit line for `amount` (before tax treatment) in the business's tax mode. */
export function creditLine(env: BillingEnv, amount: number, taxRateBp: number): TaxedLine {
  return taxOfLine(amount, taxRateBp, taxMode(env));
}

/**
 * Issues a credit note (its own CN sequence). Tied to an invoice, it first settles that
 * invoice's open balance; the rest is account credit ('credit', applied to open invoices at
 * once) or paid back ('refund': a refunds row with the method).
 */
export function issueCreditNote(env: BillingEnv, input: CreditNoteInput, audit: AuditFn): { id: number; number: string; total: number } {
  const lines = input.lines.filter((l) => l.gross > 0);
  if (lines.length === 0) throw new Error('a credit note needs at least one positive line');
  assertDayOpen(env.db, input.issueDate);
  if (input.settlement === 'refund' && !input.refundMethod) {
    throw new AppError('VALIDATION', 'A refund needs a refund method.', { issues: [{ path: 'refundMethod', code: 'custom', message: 'required' }] });
  }
  // The same check as any payment: closeout counts cash by the method's code.
  const refundMethod = input.settlement === 'refund' ? activeMethod(env.db, input.refundMethod!).code : null;
  const settings = env.settings.get();
  const at = env.now().toISOString();
  const sum = (f: (t: TaxedLine) => number) => lines.reduce((s, t) => s + f(t), 0);
  const total = sum((t) => t.gross);
  const number = nextDocumentNumber(env.db, 'credit_note', settings.creditNoteNumberFormat, input.issueDate);
  const info = prepared(env.db, 
      `INSERT INTO credit_notes (number, payer_id, invoice_id, issue_date, reason, subtotal, tax_total, total, settlement, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(number, input.payerId, input.invoiceId, input.issueDate, input.reason, sum((t) => t.net), sum((t) => t.tax), total, input.settlement, at);
  const id = Number(info.lastInsertRowid);
  const insertLine = prepared(env.db, 
    `INSERT INTO credit_note_lines (credit_note_id, position, invoice_line_id, subscription_id, description, period_start,
       period_end, tax_rate_bp, net, tax, gross) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  lines.forEach((l, i) =>
    insertLine.run(id, i + 1, l.invoiceLineId ?? null, l.subscriptionId ?? null, l.description, l.periodStart ?? null,
      l.periodEnd ?? null, l.taxRateBp, l.net, l.tax, l.gross),
  );
  let left = total;
  if (input.invoiceId !== null) {
    const inv = prepared<[number], { total: number; status: string }>(env.db, 'SELECT total, status FROM invoices WHERE id = ?').get(input.invoiceId);
    if (inv && inv.status === 'issued') {
      const open = inv.total - invoiceSettled(env.db, input.invoiceId);
      const amount = Math.min(open, left);
      if (amount > 0) {
        const allocationId = allocate(env.db, input.invoiceId, { source: 'credit_note', id }, amount, input.issueDate, at);
        audit('allocation', allocationId, null, { invoiceId: input.invoiceId, source: 'credit_note', sourceId: id, amount, date: input.issueDate, payerId: input.payerId });
        left -= amount;
      }
    }
  }
  if (input.settlement === 'refund' && left > 0) {
    prepared(env.db, 
        `INSERT INTO refunds (payer_id, credit_note_id, date, method, amount, reason, staff_id, staff_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.payerId, id, input.issueDate, refundMethod, left, input.reason, input.staff?.id ?? null, input.staff?.name ?? '', at);
  }
  audit('credit_note', id, null, { number, payerId: input.payerId, invoiceId: input.invoiceId, total, settlement: input.settlement });
  if (input.settlement === 'credit') applyCredit(env.db, input.payerId, input.issueDate, at, audit);
  return { id, number, total };
}
