/** What each document shows, read from the records and settings (the templates stay pure). */
import type { InvoiceDetail } from '../../contract/billing-types';
import type { Closeout } from '../../contract/closeout';
import type { DocumentSettings } from '../../contract/documents';
import { AppError } from '../../../shared/errors';
import type { Settings } from '../../contract/settings';
import type { Db } from '../../db/open';
import { getCloseout } from '../../money/closeout/service';
import { getInvoiceDetail } from '../../money/invoices/read';
import { payerBalance } from '../../money/ledger/ledger';
import { getPayment } from '../../money/payments/service';
import { getRefunds } from '../../money/payments/refunds';
import type { DocStrings } from './strings';
import { paymentNumber, refundNumber } from '../../../shared/numbering';

export interface Business {
  name: string;
  address: string;
  phone: string;
  taxId: string;
  logo: string;
}

export interface BalanceAfter {
  asOf: string;
  /** Owed (欠款) and spendable (可用余额, paid + bonus), each never negative. */
  owes: number;
  credit: number;
  bonusCredit: number;
}

export interface ReceiptData {
  business: Business;
  number: string;
  at: string;
  payerName: string;
  staffName: string;
  method: string;
  reference: string;
  amount: number;
  tendered: number | null;
  change: number | null;
  /** The invoices the payment settled; `members` names whom each was for when that is not the payer alone. */
  applied: { number: string; amount: number; members: string[] }[];
  toCredit: number;
  bonus: number;
  after: BalanceAfter;
  footer: string;
}

export interface RefundData {
  business: Business;
  number: string;
  at: string;
  payerName: string;
  staffName: string;
  method: string;
  amount: number;
  reason: string;
  against: { label: string; number: string } | null;
  after: BalanceAfter;
}

export interface InvoiceData {
  business: Business;
  invoice: InvoiceDetail;
  payerPhone: string;
  applied: { date: string; label: string; amount: number }[];
  pricesIncludeTax: boolean;
}

export interface CloseoutData {
  business: Business;
  closeout: Closeout;
}


export function business(settings: Settings, docs: DocumentSettings): Business {
  return { name: settings.businessName, address: settings.address, phone: settings.phone, taxId: settings.taxId, logo: docs.logo };
}

function balanceAfter(db: Db, payerId: number, today: string): BalanceAfter {
  const b = payerBalance(db, payerId);
  return { asOf: today, owes: b.owes, credit: b.credit, bonusCredit: b.bonusCredit };
}

export function receiptData(db: Db, biz: Business, docs: DocumentSettings, paymentId: number, today: string): ReceiptData {
  const p = getPayment(db, paymentId);
  return {
    business: biz,
    number: paymentNumber(p.id),
    at: p.createdAt,
    payerName: p.payerName,
    staffName: p.staffName,
    method: p.method,
    reference: p.reference,
    amount: p.amount,
    tendered: p.tendered,
    change: p.change,
    applied: p.allocations.map((a) => ({ number: a.invoiceNumber, amount: a.amount, members: a.members.map((m) => m.name) })),
    // Refunded money is no longer on account: what is left is the payment's unallocated part.
    toCredit: p.unallocated,
    bonus: p.bonus,
    after: balanceAfter(db, p.payerId, today),
    footer: docs.receiptFooter,
  };
}

export function refundData(db: Db, biz: Business, s: DocStrings, refundId: number, today: string): RefundData {
  const exists = db.prepare<[number], { id: number }>('SELECT id FROM refunds WHERE id = ?').get(refundId);
  if (!exists) throw new AppError('NOT_FOUND', `No refund ${refundId}.`);
  const r = getRefunds(db, [refundId])[0]!;
  const against =
    r.paymentId !== null
      ? { label: s.source.payment, number: paymentNumber(r.paymentId) }
      : r.creditNoteNumber
        ? { label: s.source.credit_note, number: r.creditNoteNumber }
        : null;
  return {
    business: biz,
    number: refundNumber(r.id),
    at: r.createdAt,
    payerName: r.payerName,
    staffName: r.staffName,
    method: r.method,
    amount: r.amount,
    reason: r.reason,
    against,
    after: balanceAfter(db, r.payerId, today),
  };
}

export function invoiceData(db: Db, biz: Business, s: DocStrings, invoiceId: number, today: string): InvoiceData {
  const invoice = getInvoiceDetail(db, invoiceId, today);
  const phone = db.prepare<[number], { phone: string }>('SELECT phone FROM members WHERE id = ?').get(invoice.payerId)?.phone ?? '';
  const cnNumber = (id: number) => invoice.creditNotes.find((c) => c.id === id)?.number ?? db.prepare<[number], { number: string }>('SELECT number FROM credit_notes WHERE id = ?').get(id)?.number ?? '';
  const applied = invoice.allocations.map((a) => ({
    date: a.date,
    amount: a.amount,
    label:
      a.source === 'payment'
        ? `${s.source.payment} ${paymentNumber(a.sourceId)}`
        : a.source === 'credit_note'
          ? `${s.source.credit_note} ${cnNumber(a.sourceId)}`
          : s.source.bonus,
  }));
  // The invoice's own tax mode (fixed when it was issued), not today's setting: a reprint reads as the original.
  return { business: biz, invoice, payerPhone: phone, applied, pricesIncludeTax: invoice.taxMode === 'inclusive' };
}

export function closeoutData(db: Db, biz: Business, closeoutId: number): CloseoutData {
  return { business: biz, closeout: getCloseout(db, closeoutId) };
}
