/**
 * Invoices and their lines. Statements are cached per connection (`prepared`), so building the
 * repository is free: the billing run calls these thousands of times.
 */
import type { Db } from '../open';
import type { InvoiceLineRow, InvoiceRow } from '../rows';
import { insertRow, prepared, perConnection } from '../statements';

/** An invoice as the desk reads it: with its payer's name and what is allocated to it. */
export type InvoiceView = Omit<InvoiceRow, 'voided_at' | 'late_fee_invoiced' | 'run_id' | 'created_at' | 'tax_mode'> & {
  payer_name: string;
  tax_mode: 'inclusive' | 'exclusive';
  settled: number;
};
/** A line with the name of the member it is for. */
export type InvoiceLineView = InvoiceLineRow & { member_name: string | null };
/** An invoice's figures that paying and crediting need. */
export type InvoiceMoney = Pick<InvoiceRow, 'id' | 'number' | 'payer_id' | 'issue_date' | 'due_date' | 'total' | 'status'> & { settled: number };

/** The list's filter; each parameter is null when its condition is off. */
export interface InvoiceFilter {
  today: string;
  from: string | null;
  to: string | null;
  payerId: number | null;
  number: string | null;
}

export type InvoiceInsert = Pick<
  InvoiceRow,
  'number' | 'payer_id' | 'issue_date' | 'due_date' | 'currency' | 'subtotal' | 'tax_total' | 'total' | 'run_id' | 'created_at' | 'tax_mode'
>;
export type InvoiceLineInsert = Omit<InvoiceLineRow, 'id'>;

const SETTLED = 'COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.invoice_id = i.id), 0)';
const VIEW = `SELECT i.id, i.number, i.payer_id, m.name AS payer_name, i.issue_date, i.due_date, i.currency, i.subtotal,
    i.tax_total, i.total, COALESCE(i.tax_mode, 'exclusive') AS tax_mode, i.status, i.void_reason, ${SETTLED} AS settled
  FROM invoices i JOIN members m ON m.id = i.payer_id`;
const MONEY = `SELECT i.id, i.number, i.payer_id, i.issue_date, i.due_date, i.total, i.status, ${SETTLED} AS settled FROM invoices i`;

/** The list's status filters over the view `x`. */
const STATUS_WHERE = {
  open: "x.status = 'issued' AND x.settled = 0 AND x.total > 0",
  partly_paid: "x.status = 'issued' AND x.settled > 0 AND x.settled < x.total",
  paid: "x.status = 'issued' AND x.settled >= x.total",
  void: "x.status = 'void'",
  overdue: "x.status = 'issued' AND x.settled < x.total AND x.due_date < @today",
} as const;
export type InvoiceStatusFilter = keyof typeof STATUS_WHERE;

function where(status: InvoiceStatusFilter | undefined, f: InvoiceFilter): string {
  const parts: string[] = status ? [STATUS_WHERE[status]] : [];
  if (f.from) parts.push('x.issue_date >= @from');
  if (f.to) parts.push('x.issue_date <= @to');
  if (f.payerId !== null) parts.push('x.payer_id = @payerId');
  if (f.number) parts.push("x.number LIKE @number ESCAPE '\\'");
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

function buildInvoicesRepo(db: Db) {
  return {
    view: (id: number) => prepared<[number], InvoiceView>(db, `${VIEW} WHERE i.id = ?`).get(id),
    money: (id: number) => prepared<[number], InvoiceMoney>(db, `${MONEY} WHERE i.id = ?`).get(id),
    /** Issued invoices of a payer with something left to pay, oldest first (the order credit is applied in). */
    openOfPayer: (payerId: number) =>
      prepared<[number], InvoiceMoney>(db, `${MONEY} WHERE i.payer_id = ? AND i.status = 'issued' ORDER BY i.issue_date, i.id`)
        .all(payerId)
        .filter((i) => i.total - i.settled > 0),
    /** One page, newest first; each row carries the count of all matches. */
    page: (status: InvoiceStatusFilter | undefined, f: InvoiceFilter, limit: number, offset: number) =>
      prepared<InvoiceFilter & { limit: number; offset: number }, InvoiceView & { total_count: number }>(
        db,
        `WITH x AS (${VIEW}) SELECT x.*, COUNT(*) OVER () AS total_count FROM x ${where(status, f)}
          ORDER BY x.issue_date DESC, x.id DESC LIMIT @limit OFFSET @offset`,
      ).all({ ...f, limit, offset }),
    count: (status: InvoiceStatusFilter | undefined, f: InvoiceFilter) =>
      prepared<InvoiceFilter, { n: number }>(db, `WITH x AS (${VIEW}) SELECT COUNT(*) AS n FROM x ${where(status, f)}`).get(f)?.n ?? 0,
    lines: (invoiceId: number) =>
      prepared<[number], InvoiceLineView>(
        db,
        'SELECT l.*, m.name AS member_name FROM invoice_lines l LEFT JOIN members m ON m.id = l.member_id WHERE l.invoice_id = ? ORDER BY l.position',
      ).all(invoiceId),
    line: (id: number, invoiceId: number) =>
      prepared<[number, number], InvoiceLineRow>(db, 'SELECT * FROM invoice_lines WHERE id = ? AND invoice_id = ?').get(id, invoiceId),
        insert: (row: InvoiceInsert): number => insertRow(db, 'invoices', row),
        insertLine: (row: InvoiceLineInsert): void => void insertRow(db, 'invoice_lines', row),
    markVoid: (id: number, reason: string, at: string): void =>
      void prepared(db, "UPDATE invoices SET status = 'void', void_reason = ?, voided_at = ? WHERE id = ?").run(reason, at, id),
    /** Gapless numbering: one counter per key; must run in the transaction that inserts the document. */
    nextNumber: (key: string): number | undefined =>
      prepared<[string], { value: number }>(
        db,
        'INSERT INTO number_sequences (key, value) VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET value = value + 1 RETURNING value',
      ).get(key)?.value,
    /** A counter's value now (undefined before its first number). */
    currentNumber: (key: string): number | undefined =>
      prepared<[string], number>(db, 'SELECT value FROM number_sequences WHERE key = ?').pluck().get(key),
    /** Sets a counter to `value` (a write batch's numbers, taken in memory, written once). */
    setNumber: (key: string, value: number): void =>
      void prepared(db, 'INSERT INTO number_sequences (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value),
  };
}

export type InvoicesRepo = ReturnType<typeof invoicesRepo>;

/** Built once per connection. */
export const invoicesRepo = perConnection(buildInvoicesRepo);
