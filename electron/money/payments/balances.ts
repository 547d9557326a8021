/**
 * Invoice balances with the details the desk shows (number, dates), read from the records:
 * an invoice's balance is its total minus what is allocated to it. The ledger's own maths
 * (credit sources, applying credit, a payer's balance) lives in electron/money/ledger.
 */
import { daysBetween } from '../../../shared/dates';
import type { Db } from '../../db/open';

export interface InvoiceBalance {
  id: number;
  number: string;
  payerId: number;
  issueDate: string;
  dueDate: string;
  total: number;
  status: 'issued' | 'void';
  settled: number;
  balance: number;
}

interface InvoiceRow {
  id: number;
  number: string;
  payer_id: number;
  issue_date: string;
  due_date: string;
  total: number;
  status: 'issued' | 'void';
  settled: number;
}

const INVOICE_SQL = `
  SELECT i.id, i.number, i.payer_id, i.issue_date, i.due_date, i.total, i.status,
         COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.invoice_id = i.id), 0) AS settled
  FROM invoices i`;

function toBalance(r: InvoiceRow): InvoiceBalance {
  return {
    id: r.id,
    number: r.number,
    payerId: r.payer_id,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    total: r.total,
    status: r.status,
    settled: r.settled,
    balance: r.status === 'void' ? 0 : r.total - r.settled,
  };
}

export function invoiceBalance(db: Db, invoiceId: number): InvoiceBalance | undefined {
  const row = db.prepare<[number], InvoiceRow>(`${INVOICE_SQL} WHERE i.id = ?`).get(invoiceId);
  return row ? toBalance(row) : undefined;
}

/** Issued invoices with something left to pay, oldest first: the order the ledger applies credit in. */
export function openInvoiceDetails(db: Db, payerId: number): InvoiceBalance[] {
  return db
    .prepare<[number], InvoiceRow>(`${INVOICE_SQL} WHERE i.payer_id = ? AND i.status = 'issued' ORDER BY i.issue_date, i.id`)
    .all(payerId)
    .map(toBalance)
    .filter((i) => i.balance > 0);
}

export function daysOverdue(dueDate: string, today: string): number {
  return Math.max(0, daysBetween(dueDate, today));
}

/** The unapplied part of one payment: what can still be applied or refunded. */
export function paymentRemaining(db: Db, paymentId: number): number {
  const row = db
    .prepare<[number], { remaining: number }>(
      `SELECT p.amount - COALESCE((SELECT SUM(amount) FROM allocations WHERE payment_id = p.id), 0)
                       - COALESCE((SELECT SUM(amount) FROM refunds WHERE payment_id = p.id), 0) AS remaining
       FROM payments p WHERE p.id = ?`,
    )
    .get(paymentId);
  return row?.remaining ?? 0;
}
