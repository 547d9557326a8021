/** Reading invoices and credit notes: status, balance and overdue are derived from the records. */
import { daysBetween } from '../../../shared/dates';
import type { Allocation, CreditNote, CreditNoteLine, Invoice, InvoiceDetail, InvoiceLine, InvoiceStatus } from '../../contract/billing-types';
import { found } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { invoicesRepo, type InvoiceLineView, type InvoiceStatusFilter, type InvoiceView } from '../../db/repos/invoices';
import { creditNotesRepo } from '../../db/repos/credit-notes';
import { ledgerRepo } from '../../db/repos/ledger';
import type { AllocationRow, CreditNoteLineRow } from '../../db/rows';
import { payerBalance } from '../ledger/ledger';

export function invoiceStatus(status: 'issued' | 'void', total: number, settled: number): InvoiceStatus {
  if (status === 'void') return 'void';
  if (settled >= total) return 'paid';
  return settled > 0 ? 'partly_paid' : 'open';
}

function fromRow(r: InvoiceView, today: string): Invoice {
  const balance = r.status === 'void' ? 0 : r.total - r.settled;
  const overdue = r.status === 'issued' && balance > 0 && today > r.due_date;
  return {
    id: r.id,
    number: r.number,
    payerId: r.payer_id,
    payerName: r.payer_name,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    currency: r.currency,
    subtotal: r.subtotal,
    taxTotal: r.tax_total,
    total: r.total,
    taxMode: r.tax_mode,
    settled: r.settled,
    balance,
    status: invoiceStatus(r.status, r.total, r.settled),
    overdue,
    daysOverdue: overdue ? daysBetween(r.due_date, today) : 0,
  };
}

const toLine = (l: InvoiceLineView): InvoiceLine => ({
  id: l.id,
  position: l.position,
  kind: l.kind,
  description: l.description,
  subscriptionId: l.subscription_id,
  addonId: l.addon_id,
  planId: l.plan_id,
  periodStart: l.period_start,
  periodEnd: l.period_end,
  amount: l.amount,
  taxRateBp: l.tax_rate_bp,
  net: l.net,
  tax: l.tax,
  gross: l.gross,
  memberId: l.member_id,
  memberName: l.member_name,
  listPrice: l.list_price,
  daysUsed: l.days_used,
  daysInPeriod: l.days_in_period,
});

const toAllocation = (a: AllocationRow): Allocation => ({
  id: a.id,
  source: a.payment_id !== null ? 'payment' : a.credit_note_id !== null ? 'credit_note' : 'bonus',
  sourceId: (a.payment_id ?? a.credit_note_id ?? a.bonus_grant_id) as number,
  amount: a.amount,
  date: a.date,
});

const toCreditLine = (l: CreditNoteLineRow): CreditNoteLine => ({
  id: l.id,
  position: l.position,
  invoiceLineId: l.invoice_line_id,
  subscriptionId: l.subscription_id,
  description: l.description,
  periodStart: l.period_start,
  periodEnd: l.period_end,
  taxRateBp: l.tax_rate_bp,
  net: l.net,
  tax: l.tax,
  gross: l.gross,
});

export function invoiceLines(db: Db, invoiceId: number): InvoiceLine[] {
  return invoicesRepo(db).lines(invoiceId).map(toLine);
}

function invoiceView(db: Db, id: number): InvoiceView {
  return found(invoicesRepo(db).view(id), 'invoice', id, `Invoice ${id} does not exist.`);
}

export function getInvoice(db: Db, id: number, today: string): Invoice {
  return fromRow(invoiceView(db, id), today);
}

export function getInvoiceDetail(db: Db, id: number, today: string): InvoiceDetail {
  const row = invoiceView(db, id);
  const invoice = fromRow(row, today);
  return {
    ...invoice,
    lines: invoiceLines(db, id),
    allocations: ledgerRepo(db).allocationsOfInvoice(id).map(toAllocation),
    creditNotes: creditNotesRepo(db).idsOfInvoice(id).map((c) => getCreditNote(db, c)),
    voidReason: row.void_reason,
    ...payerFigures(db, invoice.payerId),
  };
}

function payerFigures(db: Db, payerId: number): Pick<InvoiceDetail, 'payerBalance' | 'payerOwes' | 'payerCredit'> {
  const b = payerBalance(db, payerId);
  return { payerBalance: b.balance, payerOwes: b.owes, payerCredit: b.credit };
}

export interface InvoiceQuery {
  status?: InvoiceStatusFilter | undefined;
  from?: string | undefined;
  to?: string | undefined;
  payerId?: number | undefined;
  number?: string | undefined;
  limit: number;
  offset: number;
}

/** Newest first, with the total count of matches for paging. */
export function listInvoices(db: Db, q: InvoiceQuery, today: string): { rows: Invoice[]; total: number } {
  const filter = {
    today,
    from: q.from ?? null,
    to: q.to ?? null,
    payerId: q.payerId ?? null,
    number: q.number ? `%${q.number.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
  };
  const repo = invoicesRepo(db);
  const rows = repo.page(q.status, filter, q.limit, q.offset);
  // A page past the end has no row to carry the count.
  const total = rows[0]?.total_count ?? (q.offset > 0 ? repo.count(q.status, filter) : 0);
  return { rows: rows.map((r) => fromRow(r, today)), total };
}

export function getCreditNote(db: Db, id: number): CreditNote {
  const repo = creditNotesRepo(db);
  const c = found(repo.byId(id), 'credit_note', id, `Credit note ${id} does not exist.`);
  return {
    id: c.id,
    number: c.number,
    payerId: c.payer_id,
    invoiceId: c.invoice_id,
    issueDate: c.issue_date,
    reason: c.reason,
    subtotal: c.subtotal,
    taxTotal: c.tax_total,
    total: c.total,
    settlement: c.settlement,
    lines: repo.lines(id).map(toCreditLine),
  };
}

export function creditNotesOfPayer(db: Db, payerId: number): CreditNote[] {
  return creditNotesRepo(db).idsOfPayer(payerId).map((id) => getCreditNote(db, id));
}
