/**
 * The money ledger: what a payer owes or holds, always derived from the records (invoices,
 * credit notes, payments, refunds, bonus grants and the allocations between them). Nothing
 * stores a running total. Functions run inside the caller's transaction.
 */
import type { PayerBalance } from '../contract/billing-types';
import type { Db } from '../db/open';
import { prepared } from '../db/statements';

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
  const bonus = prepared<[number], CreditSource>(db, 
      `SELECT 'bonus' AS source, b.id, b.date,
              b.amount - COALESCE((SELECT SUM(amount) FROM allocations WHERE bonus_grant_id = b.id), 0) AS available
         FROM bonus_grants b WHERE b.payer_id = ? ORDER BY b.date, b.id`,
    )
    .all(payerId)
    .filter((s) => s.available > 0);
  return [...paid, ...bonus];
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

/** Writes one allocation of `amount` from a credit source to an invoice. */
export function allocate(db: Db, invoiceId: number, source: Pick<CreditSource, 'source' | 'id'>, amount: number, date: string, at: string): void {
  prepared(db, 
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
}

/**
 * Applies the payer's account credit to their open invoices, oldest invoice first: paid
 * credit first (payments and credit notes, oldest first), then bonus credit. Called whenever
 * an invoice is issued or credit arises, so a payer never holds credit and open invoices at once.
 * Returns the total allocated.
 */
export function applyCredit(db: Db, payerId: number, date: string, at: string): number {
  const sources = creditSources(db, payerId);
  if (sources.length === 0) return 0;
  let applied = 0;
  for (const inv of openInvoices(db, payerId)) {
    let due = inv.balance;
    for (const s of sources) {
      if (due === 0) break;
      if (s.available === 0) continue;
      const amount = Math.min(due, s.available);
      allocate(db, inv.id, s, amount, date, at);
      s.available -= amount;
      due -= amount;
      applied += amount;
    }
  }
  return applied;
}

export interface PaymentInput {
  payerId: number;
  date: string;
  method: string;
  amount: number;
  reference?: string;
  note?: string;
  staffId?: number | null;
}

/**
 * Records money received and applies it (with any other credit) to open invoices oldest
 * first; what is left is account credit. The payments screens build on this.
 */
export function receivePayment(db: Db, p: PaymentInput, at: string): number {
  const info = prepared(db, 
      `INSERT INTO payments (payer_id, date, method, amount, reference, note, staff_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(p.payerId, p.date, p.method, p.amount, p.reference ?? '', p.note ?? '', p.staffId ?? null, at);
  applyCredit(db, p.payerId, p.date, at);
  return Number(info.lastInsertRowid);
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
  };
}
