/** Reading invoices and credit notes: status, balance and overdue are derived from the records. */
import { daysBetween } from '../../../shared/dates';
import type { Allocation, CreditNote, CreditNoteLine, Invoice, InvoiceDetail, InvoiceLine, InvoiceStatus } from '../../contract/billing-types';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { payerBalance } from '../ledger/ledger';
import { prepared } from '../../db/statements';

interface InvoiceRow {
  id: number;
  number: string;
  payer_id: number;
  payer_name: string;
  issue_date: string;
  due_date: string;
  currency: string;
  subtotal: number;
  tax_total: number;
  total: number;
  tax_mode: 'inclusive' | 'exclusive';
  status: 'issued' | 'void';
  void_reason: string | null;
  settled: number;
}

const INVOICE_SELECT = `SELECT i.id, i.number, i.payer_id, m.name AS payer_name, i.issue_date, i.due_date, i.currency, i.subtotal,
    i.tax_total, i.total, COALESCE(i.tax_mode, 'exclusive') AS tax_mode, i.status, i.void_reason,
    COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.invoice_id = i.id), 0) AS settled
  FROM invoices i JOIN members m ON m.id = i.payer_id`;

export function invoiceStatus(status: 'issued' | 'void', total: number, settled: number): InvoiceStatus {
  if (status === 'void') return 'void';
  if (settled >= total) return 'paid';
  return settled > 0 ? 'partly_paid' : 'open';
}

function fromRow(r: InvoiceRow, today: string): Invoice {
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

interface LineRow {
  id: number;
  position: number;
  kind: InvoiceLine['kind'];
  description: string;
  subscription_id: number | null;
  addon_id: number | null;
  plan_id: number | null;
  period_start: string | null;
  period_end: string | null;
  amount: number;
  tax_rate_bp: number;
  net: number;
  tax: number;
  gross: number;
  member_id: number | null;
  member_name: string | null;
  list_price: number | null;
  days_used: number | null;
  days_in_period: number | null;
}

export function invoiceLines(db: Db, invoiceId: number): InvoiceLine[] {
  return prepared<[number], LineRow>(
    db,
    'SELECT l.*, m.name AS member_name FROM invoice_lines l LEFT JOIN members m ON m.id = l.member_id WHERE l.invoice_id = ? ORDER BY l.position',
  )
    .all(invoiceId)
    .map((l) => ({
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
    }));
}

export function getInvoice(db: Db, id: number, today: string): Invoice {
  const row = prepared<[number], InvoiceRow>(db, `${INVOICE_SELECT} WHERE i.id = ?`).get(id);
  if (!row) throw new AppError('NOT_FOUND', `Invoice ${id} does not exist.`, { entity: 'invoice', id });
  return fromRow(row, today);
}

export function getInvoiceDetail(db: Db, id: number, today: string): InvoiceDetail {
  const invoice = getInvoice(db, id, today);
  const allocations = prepared<[number], { id: number; payment_id: number | null; credit_note_id: number | null; bonus_grant_id: number | null; amount: number; date: string }>(db, 
      'SELECT id, payment_id, credit_note_id, bonus_grant_id, amount, date FROM allocations WHERE invoice_id = ? ORDER BY id',
    )
    .all(id)
    .map(
      (a): Allocation => ({
        id: a.id,
        source: a.payment_id !== null ? 'payment' : a.credit_note_id !== null ? 'credit_note' : 'bonus',
        sourceId: (a.payment_id ?? a.credit_note_id ?? a.bonus_grant_id) as number,
        amount: a.amount,
        date: a.date,
      }),
    );
  const creditNotes = prepared<[number], { id: number }>(db, 'SELECT id FROM credit_notes WHERE invoice_id = ? ORDER BY id')
    .all(id)
    .map((c) => getCreditNote(db, c.id));
  const voidReason = prepared<[number], { void_reason: string | null }>(db, 'SELECT void_reason FROM invoices WHERE id = ?').get(id)?.void_reason ?? null;
  return {
    ...invoice,
    lines: invoiceLines(db, id),
    allocations,
    creditNotes,
    voidReason,
    ...payerFigures(db, invoice.payerId),
  };
}

function payerFigures(db: Db, payerId: number): Pick<InvoiceDetail, 'payerBalance' | 'payerOwes' | 'payerCredit'> {
  const b = payerBalance(db, payerId);
  return { payerBalance: b.balance, payerOwes: b.owes, payerCredit: b.credit };
}

export interface InvoiceQuery {
  status?: InvoiceStatus | 'overdue' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  payerId?: number | undefined;
  number?: string | undefined;
  limit: number;
  offset: number;
}

const STATUS_WHERE: Record<NonNullable<InvoiceQuery['status']>, string> = {
  open: "x.status = 'issued' AND x.settled = 0 AND x.total > 0",
  partly_paid: "x.status = 'issued' AND x.settled > 0 AND x.settled < x.total",
  paid: "x.status = 'issued' AND x.settled >= x.total",
  void: "x.status = 'void'",
  overdue: "x.status = 'issued' AND x.settled < x.total AND x.due_date < @today",
};

/** Newest first, with the total count of matches for paging. */
export function listInvoices(db: Db, q: InvoiceQuery, today: string): { rows: Invoice[]; total: number } {
  const where: string[] = [];
  if (q.status) where.push(STATUS_WHERE[q.status]);
  if (q.from) where.push('x.issue_date >= @from');
  if (q.to) where.push('x.issue_date <= @to');
  if (q.payerId !== undefined) where.push('x.payer_id = @payerId');
  if (q.number) where.push("x.number LIKE @number ESCAPE '\\'");
  const sql = `WITH x AS (${INVOICE_SELECT}) SELECT x.*, COUNT(*) OVER () AS total_count FROM x
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY x.issue_date DESC, x.id DESC LIMIT @limit OFFSET @offset`;
  const params = {
    today,
    from: q.from ?? null,
    to: q.to ?? null,
    payerId: q.payerId ?? null,
    number: q.number ? `%${q.number.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
    limit: q.limit,
    offset: q.offset,
  };
  const rows = prepared<typeof params, InvoiceRow & { total_count: number }>(db, sql).all(params);
  const total = rows[0]?.total_count ?? (q.offset > 0 ? countOnly(db, where, params) : 0);
  return { rows: rows.map((r) => fromRow(r, today)), total };
}

function countOnly(db: Db, where: string[], params: Record<string, unknown>): number {
  const sql = `WITH x AS (${INVOICE_SELECT}) SELECT COUNT(*) AS n FROM x ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const { limit: _l, offset: _o, ...rest } = params;
  return prepared<Record<string, unknown>, { n: number }>(db, sql).get(rest)?.n ?? 0;
}

interface CreditNoteRow {
  id: number;
  number: string;
  payer_id: number;
  invoice_id: number | null;
  issue_date: string;
  reason: string;
  subtotal: number;
  tax_total: number;
  total: number;
  settlement: 'credit' | 'refund';
}

export function getCreditNote(db: Db, id: number): CreditNote {
  const c = prepared<[number], CreditNoteRow>(db, 'SELECT * FROM credit_notes WHERE id = ?').get(id);
  if (!c) throw new AppError('NOT_FOUND', `Credit note ${id} does not exist.`, { entity: 'credit_note', id });
  const lines = prepared<[number], { id: number; position: number; invoice_line_id: number | null; subscription_id: number | null; description: string; period_start: string | null; period_end: string | null; tax_rate_bp: number; net: number; tax: number; gross: number }>(db, 
      'SELECT * FROM credit_note_lines WHERE credit_note_id = ? ORDER BY position',
    )
    .all(id)
    .map(
      (l): CreditNoteLine => ({
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
      }),
    );
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
    lines,
  };
}

export function creditNotesOfPayer(db: Db, payerId: number): CreditNote[] {
  return prepared<[number], { id: number }>(db, 'SELECT id FROM credit_notes WHERE payer_id = ? ORDER BY issue_date DESC, id DESC')
    .all(payerId)
    .map((c) => getCreditNote(db, c.id));
}
