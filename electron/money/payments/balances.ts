/**
 * Invoice balances with the details the desk shows (number, dates), read from the records:
 * an invoice's balance is its total minus what is allocated to it. The ledger's own maths
 * (credit sources, applying credit, a payer's balance) lives in electron/money/ledger.
 */
import { daysBetween } from '../../../shared/dates';
import type { Db } from '../../db/open';
import { invoicesRepo, type InvoiceMoney } from '../../db/repos/invoices';
import { paymentsRepo } from '../../db/repos/payments';

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

function toBalance(r: InvoiceMoney): InvoiceBalance {
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
  const row = invoicesRepo(db).money(invoiceId);
  return row ? toBalance(row) : undefined;
}

/** Issued invoices with something left to pay, oldest first: the order the ledger applies credit in. */
export function openInvoiceDetails(db: Db, payerId: number): InvoiceBalance[] {
  return invoicesRepo(db).openOfPayer(payerId).map(toBalance);
}

export function daysOverdue(dueDate: string, today: string): number {
  return Math.max(0, daysBetween(dueDate, today));
}

/** The unapplied part of one payment: what can still be applied or refunded. */
export function paymentRemaining(db: Db, paymentId: number): number {
  return paymentsRepo(db).remaining(paymentId);
}
