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
import { allocate, applyCredit, bonusGivenBack } from '../ledger/ledger';
import { ledgerRepo } from '../../db/repos/ledger';
import type { AuditFn, BillingEnv } from './env';
import { nextDocumentNumber } from './sequence';
import { activeMethod } from '../payments/methods';
import { invoicesRepo } from '../../db/repos/invoices';
import { creditNotesRepo } from '../../db/repos/credit-notes';
import { paymentsRepo } from '../../db/repos/payments';
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

/** The columns an invoice line and a credit note line share, from a taxed draft. */
function lineColumns(l: TaxedLine & Pick<CreditLineDraft, 'subscriptionId' | 'description' | 'periodStart' | 'periodEnd' | 'taxRateBp'>) {
  return {
    subscription_id: l.subscriptionId ?? null,
    description: l.description,
    period_start: l.periodStart ?? null,
    period_end: l.periodEnd ?? null,
    tax_rate_bp: l.taxRateBp,
    net: l.net,
    tax: l.tax,
    gross: l.gross,
  };
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
  const repo = invoicesRepo(env.db);
  const id = repo.insert({
    number,
    payer_id: input.payerId,
    issue_date: input.issueDate,
    due_date: dueDate,
    currency: settings.currency,
    subtotal: sum((t) => t.net),
    tax_total: sum((t) => t.tax),
    total,
    run_id: input.runId ?? null,
    created_at: at,
    tax_mode: mode,
  });
  const facts = lineFacts(env.db, input.payerId, input.lines);
  taxed.forEach((l, i) => {
    const f = facts[i]!;
    repo.insertLine({
      invoice_id: id,
      position: i + 1,
      kind: l.kind,
      ...lineColumns(l),
      addon_id: l.addonId ?? null,
      plan_id: l.planId ?? null,
      amount: l.amount,
      member_id: f.memberId,
      list_price: f.listPrice,
      days_used: f.daysUsed,
      days_in_period: f.daysInPeriod,
    });
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
 * What bonus credit paid of the credited invoice goes back as bonus credit, not as money: a grant that names the
 * note (only paid credit is ever refunded). Returns the amount given back.
 */
function giveBonusBack(env: BillingEnv, input: CreditNoteInput, note: { id: number; number: string; at: string }, excess: number, audit: AuditFn): number {
  const back = bonusGivenBack(excess, ledgerRepo(env.db).bonusOfInvoice(input.invoiceId!));
  if (back === 0) return 0;
  const grantId = paymentsRepo(env.db).insertBonusGrant({
    payer_id: input.payerId,
    payment_id: null,
    credit_note_id: note.id,
    date: input.issueDate,
    amount: back,
    reason: note.number,
    created_at: note.at,
  });
  audit('bonus_grant', grantId, null, { payerId: input.payerId, creditNoteId: note.id, number: note.number, amount: back, date: input.issueDate });
  return back;
}

/**
 * Issues a credit note (its own CN sequence). Tied to an invoice, it first settles that
 * invoice's open balance; of the rest, the share bonus credit had paid goes back as bonus credit, and the
 * remainder is account credit ('credit', applied to open invoices at once) or paid back ('refund': a
 * refunds row with the method).
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
  const notes = creditNotesRepo(env.db);
  const id = notes.insert({
    number,
    payer_id: input.payerId,
    invoice_id: input.invoiceId,
    issue_date: input.issueDate,
    reason: input.reason,
    subtotal: sum((t) => t.net),
    tax_total: sum((t) => t.tax),
    total,
    settlement: input.settlement,
    created_at: at,
  });
  lines.forEach((l, i) =>
    notes.insertLine({
      credit_note_id: id,
      position: i + 1,
      invoice_line_id: l.invoiceLineId ?? null,
      ...lineColumns(l),
    }),
  );
  let left = total;
  if (input.invoiceId !== null) {
    const inv = invoicesRepo(env.db).money(input.invoiceId);
    if (inv && inv.status === 'issued') {
      const open = inv.total - inv.settled;
      const amount = Math.min(open, left);
      if (amount > 0) {
        const allocationId = allocate(env.db, input.invoiceId, { source: 'credit_note', id }, amount, input.issueDate, at);
        audit('allocation', allocationId, null, { invoiceId: input.invoiceId, source: 'credit_note', sourceId: id, amount, date: input.issueDate, payerId: input.payerId });
        left -= amount;
      }
      left -= giveBonusBack(env, input, { id, number, at }, left, audit);
    }
  }
  if (input.settlement === 'refund' && left > 0) {
    paymentsRepo(env.db).insertRefund({
      payer_id: input.payerId,
      payment_id: null,
      credit_note_id: id,
      date: input.issueDate,
      method: refundMethod!,
      amount: left,
      reason: input.reason,
      staff_id: input.staff?.id ?? null,
      staff_name: input.staff?.name ?? '',
      created_at: at,
    });
  }
  audit('credit_note', id, null, { number, payerId: input.payerId, invoiceId: input.invoiceId, total, settlement: input.settlement });
  if (input.settlement === 'credit') applyCredit(env.db, input.payerId, input.issueDate, at, audit);
  return { id, number, total };
}
