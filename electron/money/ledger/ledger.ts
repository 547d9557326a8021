/**
 * The money ledger: what a payer owes or holds, always derived from the records (invoices,
 * credit notes, payments, refunds, bonus grants and the allocations between them). Nothing
 * stores a running total. Functions run inside the caller's transaction.
 */
import type { PayerBalance } from '../../contract/billing-types';
import { roundHalfUp } from '../../billing/money';
import type { Db } from '../../db/open';
import { invoicesRepo } from '../../db/repos/invoices';
import { ledgerRepo, type BonusGrantState, type LedgerRepo } from '../../db/repos/ledger';

export interface CreditSource {
  source: 'payment' | 'credit_note' | 'bonus';
  id: number;
  date: string;
  available: number;
}

export type { BonusGrantState };

/** Sum of allocations against one invoice (payments, credit notes and bonus credit). */
export function invoiceSettled(db: Db, invoiceId: number): number {
  return ledgerRepo(db).settledOf(invoiceId);
}

/** Unallocated credit of a payer: paid credit (payments, credit notes) oldest first, then bonus grants oldest first. */
export function creditSources(db: Db, payerId: number): CreditSource[] {
  const repo = ledgerRepo(db);
  const paid: CreditSource[] = repo.paidCredit(payerId).filter((s) => s.available > 0);
  const bonus = repo
    .grantsOfPayer(payerId)
    .map((g): CreditSource => ({ source: 'bonus', id: g.id, date: g.date, available: bonusAvailable(g) }))
    .filter((s) => s.available > 0);
  return [...paid, ...bonus];
}

/**
 * A bonus is a discount on the money paid for it (docs/billing.md): refunding part of the top-up takes
 * back the same share of the bonus (half up), all of it when the whole top-up is refunded. What
 * the money kept still earns stays usable; bonus already spent beyond that is not clawed back.
 */
export function bonusForfeited(g: Pick<BonusGrantState, 'amount' | 'paymentAmount' | 'refunded'>): number {
  if (g.paymentAmount === null || g.paymentAmount <= 0 || g.refunded <= 0) return 0;
  return Math.min(g.amount, roundHalfUp(BigInt(g.amount) * BigInt(g.refunded), BigInt(g.paymentAmount)));
}

/** What of a grant can still be spent: the grant less what was spent and what refunds forfeited. */
export function bonusAvailable(g: BonusGrantState): number {
  return Math.max(0, g.amount - g.used - bonusForfeited(g));
}

/**
 * The bonus a credit note gives back (docs/billing.md): of the `excess` it frees on an invoice (what is left once
 * the invoice's open balance is settled), the share bonus credit paid of the invoice — excess × bonus / paid, half
 * up — never more than the bonus not yet given back by the invoice's earlier notes, nor than the excess.
 */
export function bonusGivenBack(excess: number, invoice: { paid: number; bonus: number; returned: number }): number {
  const left = invoice.bonus - invoice.returned;
  if (excess <= 0 || left <= 0 || invoice.paid <= 0) return 0;
  return Math.min(left, excess, roundHalfUp(BigInt(excess) * BigInt(invoice.bonus), BigInt(invoice.paid)));
}

/** Open (issued, not fully settled) invoices of a payer, oldest first, with their balances. */
export function openInvoices(db: Db, payerId: number): { id: number; balance: number }[] {
  return invoicesRepo(db)
    .openOfPayer(payerId)
    .map((i) => ({ id: i.id, balance: i.total - i.settled }));
}

/** Writes one allocation of `amount` from a credit source to an invoice; returns its id. */
export function allocate(db: Db, invoiceId: number, source: Pick<CreditSource, 'source' | 'id'>, amount: number, date: string, at: string): number {
  return ledgerRepo(db).insertAllocation({
    invoice_id: invoiceId,
    payment_id: source.source === 'payment' ? source.id : null,
    credit_note_id: source.source === 'credit_note' ? source.id : null,
    bonus_grant_id: source.source === 'bonus' ? source.id : null,
    amount,
    date,
    created_at: at,
  });
}

/** Records one audited change in the caller's transaction (ctx.audit, or the system log in a run). */
export type LedgerAudit = (entity: string, entityId: string | number, before: unknown, after: unknown) => void;

/**
 * Applies the payer's account credit to their open invoices, oldest invoice first: paid
 * credit first (payments and credit notes, oldest first), then bonus credit. Called whenever
 * an invoice is issued or credit arises, so a payer never holds credit and open invoices at once.
 * Returns the total allocated.
 */
export function applyCredit(db: Db, payerId: number, date: string, at: string, audit?: LedgerAudit): number {
  // Most payers hold no credit when an invoice is issued: one EXISTS answers that without listing sources.
  if (!ledgerRepo(db).mayHaveCredit(payerId)) return 0;
  const sources = creditSources(db, payerId);
  if (sources.length === 0) return 0;
  let applied = 0;
  for (const inv of openInvoices(db, payerId)) {
    let due = inv.balance;
    for (const s of sources) {
      if (due === 0) break;
      if (s.available === 0) continue;
      const amount = Math.min(due, s.available);
      const id = allocate(db, inv.id, s, amount, date, at);
      audit?.('allocation', id, null, { invoiceId: inv.id, source: s.source, sourceId: s.id, amount, date, payerId });
      s.available -= amount;
      due -= amount;
      applied += amount;
    }
  }
  return applied;
}

/** balance = issued non-void invoices − credit notes − payments + refunds − bonus applied. */
export function payerBalance(db: Db, payerId: number): PayerBalance {
  const sum = (which: Parameters<LedgerRepo['payerSum']>[0]) => ledgerRepo(db).payerSum(which, payerId);
  const [invoiced, credited, paid, refunded, bonusApplied] = [sum('invoiced'), sum('credited'), sum('paid'), sum('refunded'), sum('bonusApplied')];
  const sources = creditSources(db, payerId);
  const available = (kind: (s: CreditSource) => boolean) => sources.filter(kind).reduce((t, s) => t + s.available, 0);
  const due = openInvoices(db, payerId).reduce((t, i) => t + i.balance, 0);
  return {
    payerId,
    // A note's bonus part is in `credited` and comes back as bonus credit, which (like a top-up's bonus) is not
    // money on the account: added back, so the balance stays what is owed less paid credit.
    balance: invoiced - credited - paid + refunded - bonusApplied + sum('bonusReturned'),
    invoiced,
    credited,
    paid,
    refunded,
    bonusApplied,
    paidCredit: available((s) => s.source !== 'bonus'),
    bonusCredit: available((s) => s.source === 'bonus'),
    due,
    ...standing(due, sources),
  };
}

/**
 * The one rule for showing an account: what is owed and what can be spent, each never negative, so
 * no screen, receipt or report shows a signed balance or negates one itself.
 */
export function standing(due: number, sources: CreditSource[]): { owes: number; credit: number } {
  return { owes: Math.max(0, due), credit: sources.reduce((t, s) => t + Math.max(0, s.available), 0) };
}
