/** The paying account: who it is, what it owes, what it has on account, and the dates money may be recorded on. */
import { AppError, found } from '../../../shared/errors';
import type { OpenInvoice, PayerMoney } from '../../contract/payments';
import { assertDayOpen } from '../closeout/lock';
import type { Db } from '../../db/open';
import { invoiceMembers } from '../invoices/members';
import { paymentsRepo, type PayerMember } from '../../db/repos/payments';
import { payerBalance } from '../ledger/ledger';
import { daysOverdue, invoiceBalance, openInvoiceDetails, type InvoiceBalance } from './balances';

function member(db: Db, id: number): PayerMember {
  const row = found(paymentsRepo(db).payerMember(id), 'member', id, `No member ${id}.`);
  if (row.merged_into !== null) throw new AppError('MEMBER_MERGED', `Member ${id} was merged into ${row.merged_into}.`, { mergedInto: row.merged_into });
  return row;
}

/** The account that pays for a member: its household payer, or the member itself. */
export function resolvePayer(db: Db, memberId: number): PayerMember {
  const m = member(db, memberId);
  return m.payer_id === null ? m : member(db, m.payer_id);
}

/** Payments go to the account that is billed: a member with a household payer pays through that payer. */
export function requirePayer(db: Db, payerId: number): PayerMember {
  const m = member(db, payerId);
  if (m.payer_id !== null) {
    throw new AppError('PAYER_INVALID', `Member ${payerId} is paid for by member ${m.payer_id}; take the payment on the payer's account.`, {
      payerId: m.payer_id,
    });
  }
  return m;
}

export function toOpenInvoice(i: InvoiceBalance, today: string, members: OpenInvoice['members'] = []): OpenInvoice {
  const overdue = today > i.dueDate;
  return {
    id: i.id,
    number: i.number,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    total: i.total,
    settled: i.settled,
    balance: i.balance,
    overdue,
    daysOverdue: overdue ? daysOverdue(i.dueDate, today) : 0,
    members,
  };
}

export function payerMoney(db: Db, payerId: number, today: string): PayerMoney {
  const m = member(db, payerId);
  const totals = payerBalance(db, payerId);
  return {
    payerId,
    payerName: m.name,
    phone: m.phone,
    balance: totals.balance,
    due: totals.due,
    paidCredit: totals.paidCredit,
    bonusCredit: totals.bonusCredit,
    owes: totals.owes,
    credit: totals.credit,
    openInvoices: withMembers(db, openInvoiceDetails(db, payerId), today),
  };
}

/** The open invoices as the payment dialog lists them, each naming whom it is for (one query for all). */
function withMembers(db: Db, open: InvoiceBalance[], today: string): OpenInvoice[] {
  const members = invoiceMembers(db, open.map((i) => i.id));
  return open.map((i) => toOpenInvoice(i, today, members.get(i.id)));
}

/** Checks a business date for new money records: not in the future, not on a closed day. */
export function moneyDate(db: Db, date: string | undefined, today: string): string {
  const d = date ?? today;
  if (d > today) throw new AppError('DATE_OUT_OF_RANGE', `Money cannot be recorded on a future date (${d}).`, { date: d, today });
  assertDayOpen(db, d);
  return d;
}

/** An invoice the clerk picked: this payer's, issued, with something left to pay. */
export function pickable(db: Db, payerId: number, invoiceId: number): InvoiceBalance {
  const inv = found(invoiceBalance(db, invoiceId), 'invoice', invoiceId, `No invoice ${invoiceId}.`);
  if (inv.payerId !== payerId) throw new AppError('INVOICE_OTHER_PAYER', `Invoice ${inv.number} is billed to another payer.`, { invoiceId });
  if (inv.status === 'void') throw new AppError('INVOICE_VOID', `Invoice ${inv.number} is void.`, { invoiceId });
  if (inv.balance <= 0) throw new AppError('INVOICE_PAID', `Invoice ${inv.number} has nothing left to pay.`, { invoiceId });
  return inv;
}

