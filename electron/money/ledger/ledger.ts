/**
 * The money ledger: what a payer owes or holds, always derived from the records (invoices,
 * credit notes, payments, refunds, bonus grants and the allocations between them). Nothing
 * stores a running total. Functions run inside the caller's transaction.
 */
import type { PayerBalance } from '../../contract/billing-types';
import { roundHalfUp } from '../../billing/money';
import type { Db } from '../../db/open';
import { prepared } from '../../db/statements';

export interface CreditSource {
  source: 'payment' | 'credit_note' | 'bonus';
  id: number;
  date: string;
  available: number;
}

const SETTLED_SQL = 'COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.invoice_id = i.id), 0)';

/** Sum of allocations against one invoice (payments, credit notes and bonus credit). */
export function invoiceSettled(db: Db, invoiceId: number): number {
  return prepared<[number], { s: number }>(db, 'SELECT COALESCE(SUM(amount), 0) AS s FROM allocations WHERE invoice_id = ?').get(invoiceId)?.s ?? 0;
}

/** Unallocated credit of a payer: paid credit (payments, credit notes) oldest first, then bonus grants oldest first. */
export function creditSources(db: Db, payerId: number): CreditSource[] {
  const paid = prepared<[number, number], CreditSource>(db, 
      `SELECT 'payment' AS source, p.id, p.date,
              p.amount - COALESCE((SELECT SUM(amount) FROM allocations WHERE payment_id = p.id), 0)
                       - COALESCE((SELECT SUM(amount) FROM refunds WHERE payment_id = p.id), 0) AS available
         FROM payments p WHERE p.payer_id = ?
       UNION ALL
       SELECT 'credit_note', c.id, c.issue_date,
              c.total - COALESCE((SELECT SUM(amount) FROM allocations WHERE credit_note_id = c.id), 0)
                      - COALESCE((SELECT SUM(amount) FROM refunds WHERE credit_note_id = c.id), 0)
         FROM credit_notes c WHERE c.payer_id = ?
       ORDER BY 3, 1 DESC, 2`,
    )
    .all(payerId, payerId)
    .filter((s) => s.available > 0);
  const bonus = bonusGrants(db, 'b.payer_id = ?', payerId)
    .map((g): CreditSource => ({ source: 'bonus', id: g.id, date: g.date, available: bonusAvailable(g) }))
    .filter((s) => s.available > 0);
  return [...paid, ...bonus];
}

/** A bonus grant with what decides how much of it is still usable. */
export interface BonusGrantState {
  id: number;
  date: string;
  amount: number;
  used: number;
  /** The top-up that earned it (null for a grant without one) and how much of that top-up was refunded. */
  paymentAmount: number | null;
  refunded: number;
}

export function bonusGrants(db: Db, where: string, arg: number): BonusGrantState[] {
  return prepared<[number], BonusGrantState>(db,
    `SELECT b.id, b.date, b.amount,
            COALESCE((SELECT SUM(amount) FROM allocations WHERE bonus_grant_id = b.id), 0) AS used,
            p.amount AS paymentAmount,
            COALESCE((SELECT SUM(amount) FROM refunds WHERE payment_id = b.payment_id), 0) AS refunded
       FROM bonus_grants b LEFT JOIN payments p ON p.id = b.payment_id WHERE ${where} ORDER BY b.date, b.id`,
  ).all(arg);
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

/** Open (issued, not fully settled) invoices of a payer, oldest first, with their balances. */
export function openInvoices(db: Db, payerId: number): { id: number; balance: number }[] {
  return prepared<[number], { id: number; balance: number }>(db, 
      `SELECT i.id, i.total - ${SETTLED_SQL} AS balance FROM invoices i
        WHERE i.payer_id = ? AND i.status = 'issued' AND i.total - ${SETTLED_SQL} > 0
        ORDER BY i.issue_date, i.id`,
    )
    .all(payerId);
}

/** Writes one allocation of `amount` from a credit source to an invoice; returns its id. */
export function allocate(db: Db, invoiceId: number, source: Pick<CreditSource, 'source' | 'id'>, amount: number, date: string, at: string): number {
  const info = prepared(db, 
    `INSERT INTO allocations (invoice_id, payment_id, credit_note_id, bonus_grant_id, amount, date, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    invoiceId,
    source.source === 'payment' ? source.id : null,
    source.source === 'credit_note' ? source.id : null,
    source.source === 'bonus' ? source.id : null,
    amount,
    date,
    at,
  );
  return Number(info.lastInsertRowid);
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
  const one = (sql: string) => prepared<[number], { s: number }>(db, sql).get(payerId)?.s ?? 0;
  const invoiced = one("SELECT COALESCE(SUM(total), 0) AS s FROM invoices WHERE payer_id = ? AND status = 'issued'");
  const credited = one('SELECT COALESCE(SUM(total), 0) AS s FROM credit_notes WHERE payer_id = ?');
  const paid = one('SELECT COALESCE(SUM(amount), 0) AS s FROM payments WHERE payer_id = ?');
  const refunded = one('SELECT COALESCE(SUM(amount), 0) AS s FROM refunds WHERE payer_id = ?');
  const bonusApplied = one(
    'SELECT COALESCE(SUM(a.amount), 0) AS s FROM allocations a JOIN bonus_grants b ON b.id = a.bonus_grant_id WHERE b.payer_id = ?',
  );
  const sources = creditSources(db, payerId);
  const sum = (kind: (s: CreditSource) => boolean) => sources.filter(kind).reduce((t, s) => t + s.available, 0);
  const due = openInvoices(db, payerId).reduce((t, i) => t + i.balance, 0);
  return {
    payerId,
    balance: invoiced - credited - paid + refunded - bonusApplied,
    invoiced,
    credited,
    paid,
    refunded,
    bonusApplied,
    paidCredit: sum((s) => s.source !== 'bonus'),
    bonusCredit: sum((s) => s.source === 'bonus'),
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
