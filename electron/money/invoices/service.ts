/** Desk actions on issued documents: void an unsettled invoice, credit whole or part lines. */
import { roundHalfUp } from '../../billing/money';
import type { CreditNote, InvoiceDetail } from '../../contract/billing-types';
import type { CreditLimits } from '../../contract/invoices';
import { AppError, found } from '../../../shared/errors';
import type { AuditFn, BillingEnv } from './env';
import { issueCreditNote, type CreditLineDraft } from './issue';
import { creditNotesOfPayer, getCreditNote, getInvoiceDetail, listInvoices, type InvoiceQuery } from './read';
import type { ServiceEnv } from '../../contract/env';
import { invoicesRepo, type InvoiceMoney } from '../../db/repos/invoices';
import { creditNotesRepo } from '../../db/repos/credit-notes';
import { packsRepo, type LivePack } from '../../db/repos/packs';
import type { InvoiceLineRow } from '../../db/rows';
import { assertDayOpen } from '../closeout/lock';
import { addDays } from '../../../shared/dates';
import { assertClockNotBehind } from '../billing-run/run';
import type { StaffRef } from '../../contract/handler';

type LineRow = InvoiceLineRow;

/** An invoice that may be voided or credited: it exists and is not void. */
function liveInvoice(env: BillingEnv, id: number): InvoiceMoney {
  const row = found(invoicesRepo(env.db).money(id), 'invoice', id, `Invoice ${id} does not exist.`);
  if (row.status === 'void') throw new AppError('INVOICE_VOID', `Invoice ${id} is void.`, { id });
  return row;
}

/**
 * Packs that admit nobody from today: each ends today (what it was used for stays used); one not begun yet
 * ends before it starts (its first day moved back so its dates stay in order). `why` goes into the audit entry.
 */
function endPacks(env: BillingEnv, packs: LivePack[], why: Record<string, number>, audit: AuditFn): void {
  const today = env.today();
  for (const p of packs) {
    const start = p.start_date < today ? p.start_date : addDays(today, -1);
    packsRepo(env.db).setDates(p.id, start, today);
    audit('member_pack', p.id, { startDate: p.start_date, expiresOn: p.expires_on }, { startDate: start, expiresOn: today, ...why });
  }
}

/** The packs sold on an invoice that still admit someone after today, in id order. */
const livePacksOf = (env: BillingEnv, invoiceId: number) => packsRepo(env.db).liveOfInvoice(invoiceId, env.today());

/** A pack sold on a voided invoice admits nobody from today. */
function endPacksOf(env: BillingEnv, invoiceId: number, audit: AuditFn): void {
  endPacks(env, livePacksOf(env, invoiceId), { invoiceVoided: invoiceId }, audit);
}

/**
 * A credit note that gives a pack line back in full ends that pack today, as a void does (a part leaves it as it is:
 * which sessions a part takes back is not defined). The pack is the invoice's pack of that plan for that member;
 * several alike end in id order, one per line given back in full.
 */
function endPacksCreditedInFull(env: BillingEnv, invoiceId: number, creditNoteId: number, lineIds: number[], audit: AuditFn): void {
  const left = creditableLines(env, invoiceId);
  const full = lineIds
    .map((id) => left.get(id))
    .filter((c): c is Creditable => c !== undefined && c.line.kind === 'pack' && c.gross <= 0)
    .map((c) => `${c.line.plan_id}:${c.line.member_id}`);
  if (full.length === 0) return;
  const packs = livePacksOf(env, invoiceId);
  const ending = [];
  for (const key of new Set(full)) {
    const alike = packs.filter((p) => `${p.plan_id}:${p.member_id}` === key);
    // A pack ended by an earlier note or a void is no longer live: only this note's lines end packs now.
    ending.push(...alike.slice(0, full.filter((k) => k === key).length));
  }
  endPacks(env, ending, { creditNoteId }, audit);
}

/** Voids an invoice nothing has settled. It keeps its number; its periods stay billed (not billed again). */
export function voidInvoice(env: BillingEnv, id: number, reason: string, audit: AuditFn): InvoiceDetail {
  liveInvoice(env, id);
  const today = env.today();
  const before = getInvoiceDetail(env.db, id, today);
  const creditNotes = creditNotesRepo(env.db).countOfInvoice(id);
  if (before.settled > 0 || creditNotes > 0) {
    throw new AppError('INVOICE_SETTLED', `Invoice ${before.number} has payments or credits applied.`, { id, settled: before.settled, creditNotes });
  }
  // A closed day's invoices are corrected with credit notes on an open day, never edited.
  assertDayOpen(env.db, before.issueDate);
  invoicesRepo(env.db).markVoid(id, reason, env.now().toISOString());
  endPacksOf(env, id, audit);
  const after = getInvoiceDetail(env.db, id, today);
  audit('invoice', id, { status: before.status, payerId: before.payerId }, { status: 'void', reason, payerId: before.payerId });
  return after;
}

/** One line's creditable value: its gross and tax less its share of its subscription's negative lines. */
interface Creditable {
  line: LineRow;
  /** What the line is worth after discounts (and what is left once earlier notes are taken off). */
  gross: number;
  tax: number;
}

/**
 * What each positive line of an invoice is worth net of the negative lines (discount, household
 * discount, proration credit) of the same subscription: the negatives are spread over that
 * subscription's positive lines in proportion to their gross, by cumulative half-up rounding so
 * the shares add up to the negatives exactly. Less what earlier credit notes took from the line.
 */
function creditableLines(env: BillingEnv, invoiceId: number): Map<number, Creditable> {
  const lines: LineRow[] = invoicesRepo(env.db).lines(invoiceId);
  const credited = new Map(creditNotesRepo(env.db).creditedLines(invoiceId).map((r) => [r.id, r] as const));
  const out = new Map<number, Creditable>();
  const groups = new Map<number | null, LineRow[]>();
  for (const l of lines) groups.set(l.subscription_id, [...(groups.get(l.subscription_id) ?? []), l]);
  for (const [sub, group] of groups) {
    const positive = group.filter((l) => l.gross > 0);
    const negative = sub === null ? [] : group.filter((l) => l.gross < 0);
    const posGross = BigInt(positive.reduce((s, l) => s + l.gross, 0));
    const negGross = BigInt(-negative.reduce((s, l) => s + l.gross, 0));
    const negTax = BigInt(-negative.reduce((s, l) => s + l.tax, 0));
    let cum = 0n;
    for (const l of positive) {
      const share = (total: bigint, upTo: bigint) => (posGross === 0n ? 0 : roundHalfUp(total * upTo, posGross));
      const next = cum + BigInt(l.gross);
      const gross = l.gross - (share(negGross, next) - share(negGross, cum));
      const tax = l.tax - (share(negTax, next) - share(negTax, cum));
      cum = next;
      const done = credited.get(l.id) ?? { tax: 0, gross: 0 };
      out.set(l.id, { line: l, gross: gross - done.gross, tax: Math.max(0, tax - done.tax) });
    }
  }
  return out;
}

/** What is left to credit on an invoice: its total less all its credit notes; and per positive line. */
export function creditLimits(env: BillingEnv, invoiceId: number): CreditLimits {
  const inv = liveInvoice(env, invoiceId);
  const lines = [...creditableLines(env, inv.id).values()].map((c) => ({ invoiceLineId: c.line.id, left: Math.max(0, c.gross) }));
  return { invoiceId: inv.id, invoiceLeft: Math.max(0, inv.total - creditedOnInvoice(env, inv.id)), lines };
}

function creditedOnInvoice(env: BillingEnv, invoiceId: number): number {
  return creditNotesRepo(env.db).totalOfInvoice(invoiceId);
}

export interface ManualCreditInput {
  invoiceId: number;
  lines: { invoiceLineId: number; amount?: number | undefined }[];
  settlement: 'credit' | 'refund';
  refundMethod?: string | undefined;
  reason: string;
}

/**
 * A credit note against an invoice's lines: a whole line (what is left of its value) or part of
 * it. A line's value is its gross less its share of the same subscription's discounts and
 * proration credits, so crediting every line of an invoice gives back exactly its total; and the
 * notes on one invoice never add up to more than its total (CREDIT_EXCEEDS_INVOICE). A whole
 * remainder reverses the line's own net and tax exactly; a part splits the gross in the line's
 * own net:tax proportion.
 */
export function createManualCreditNote(env: BillingEnv, input: ManualCreditInput, audit: AuditFn, staff: StaffRef | null = null): CreditNote {
  // A credit note is numbered and dated today: never before the last run's documents.
  assertClockNotBehind(env);
  const inv = liveInvoice(env, input.invoiceId);
  const creditable = creditableLines(env, inv.id);
  const pending = new Map<number, { tax: number; gross: number }>();
  const drafts: CreditLineDraft[] = input.lines.map(({ invoiceLineId, amount }) => {
    const c = creditable.get(invoiceLineId);
    const line = found(c?.line ?? invoicesRepo(env.db).line(invoiceLineId, inv.id), 'invoice_line', invoiceLineId, `Line ${invoiceLineId} is not on invoice ${inv.id}.`);
    const extra = pending.get(line.id) ?? { tax: 0, gross: 0 };
    const left = { tax: (c?.tax ?? 0) - extra.tax, gross: (c?.gross ?? 0) - extra.gross };
    const gross = amount ?? left.gross;
    if (left.gross <= 0 || gross > left.gross) {
      throw new AppError('CREDIT_EXCEEDS_LINE', `At most ${Math.max(0, left.gross)} is left to credit on line ${line.id}.`, {
        invoiceLineId: line.id,
        left: Math.max(0, left.gross),
        requested: gross,
      });
    }
    const tax = gross === left.gross ? Math.max(0, Math.min(left.tax, gross)) : c && c.line.gross > 0 ? roundHalfUp(BigInt(gross) * BigInt(line.tax), BigInt(line.gross)) : 0;
    const taxed = { net: gross - tax, tax, gross };
    pending.set(line.id, { tax: extra.tax + taxed.tax, gross: extra.gross + taxed.gross });
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
  const requested = drafts.reduce((s, d) => s + d.gross, 0);
  const invoiceLeft = Math.max(0, inv.total - creditedOnInvoice(env, inv.id));
  if (requested > invoiceLeft) {
    throw new AppError('CREDIT_EXCEEDS_INVOICE', `At most ${invoiceLeft} is left to credit on this invoice.`, { invoiceId: inv.id, left: invoiceLeft, requested });
  }
  const cn = issueCreditNote(
    env,
    {
      payerId: inv.payer_id,
      invoiceId: inv.id,
      issueDate: env.today(),
      reason: input.reason,
      settlement: input.settlement,
      refundMethod: input.refundMethod,
      staff,
      lines: drafts,
    },
    audit,
  );
  const creditedLines = new Set(drafts.map((d) => d.invoiceLineId).filter((id): id is number => typeof id === 'number'));
  endPacksCreditedInFull(env, inv.id, cn.id, [...creditedLines], audit);
  return getCreditNote(env.db, cn.id);
}

/** Invoices and credit notes at the desk: reading, voiding, crediting. Audit and staff follow the call in progress. */
export function createInvoicesService(env: ServiceEnv) {
  const db = env.db;
  return {
    list: (q: InvoiceQuery) => listInvoices(db, q, env.today()),
    get: (id: number) => getInvoiceDetail(db, id, env.today()),
    void: (id: number, reason: string) => voidInvoice(env, id, reason, env.audit),
    credit: (input: ManualCreditInput) => createManualCreditNote(env, input, env.audit, env.actor()),
    creditLimits: (invoiceId: number) => creditLimits(env, invoiceId),
    creditNote: (id: number) => getCreditNote(db, id),
    creditNotesOfPayer: (payerId: number) => creditNotesOfPayer(db, payerId),
  };
}

export type InvoicesService = ReturnType<typeof createInvoicesService>;
