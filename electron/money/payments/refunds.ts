/**
 * Refunds: money going back, against one payment (its unapplied part) or from the payer's paid
 * account credit. Bonus credit (充值赠送) is never refunded. A refund from credit draws the newest
 * credit first (the last top-up goes back first), one refund row per source it draws on.
 */
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { Refund, RefundPreview, RefundResult, refundInput, refundPreviewInput } from '../../contract/payments';
import type { Db } from '../../db/open';
import type { Ctx } from '../../contract/handler';
import { draw } from './allocate';
import { bonusAvailable, bonusGrants, creditSources, payerBalance } from '../ledger/ledger';
import { paymentRemaining } from './balances';
import { activeMethod, getMethod } from './methods';
import { dateRangeFilter, findRequest, saveRequest } from './requests';
import { moneyDate, payerMoney } from './payer';
import type { RefundRow } from '../../db/rows';

export type RefundInput = z.output<typeof refundInput>;
type PlanInput = Pick<z.output<typeof refundPreviewInput>, 'payerId' | 'source' | 'paymentId' | 'amount'>;

/** A refund with its payer's name and the credit note it pays out, if any. */
type RefundListRow = Omit<RefundRow, 'staff_id'> & { payer_name: string; credit_note_number: string | null };


const REFUND_SQL = `
  SELECT r.id, r.payer_id, m.name AS payer_name, r.payment_id, r.credit_note_id, c.number AS credit_note_number,
         r.date, r.method, r.amount, r.reason, r.staff_name, r.created_at
  FROM refunds r JOIN members m ON m.id = r.payer_id LEFT JOIN credit_notes c ON c.id = r.credit_note_id`;

const fromRow = (r: RefundListRow): Refund => ({
  id: r.id,
  payerId: r.payer_id,
  payerName: r.payer_name,
  paymentId: r.payment_id,
  creditNoteId: r.credit_note_id,
  creditNoteNumber: r.credit_note_number,
  date: r.date,
  method: r.method,
  amount: r.amount,
  reason: r.reason,
  staffName: r.staff_name,
  createdAt: r.created_at,
});

export function listRefundsOfPayment(db: Db, paymentId: number): Refund[] {
  return db.prepare<[number], RefundListRow>(`${REFUND_SQL} WHERE r.payment_id = ? ORDER BY r.id`).all(paymentId).map(fromRow);
}

export function getRefunds(db: Db, ids: number[]): Refund[] {
  const get = db.prepare<[number], RefundListRow>(`${REFUND_SQL} WHERE r.id = ?`);
  return ids.map((id) => fromRow(get.get(id)!));
}

export function listRefunds(db: Db, f: { from?: string | undefined; to?: string | undefined; payerId?: number | undefined; limit: number }): Refund[] {
  const { where, args } = dateRangeFilter('r', f);
  return db
    .prepare<(string | number)[], RefundListRow>(`${REFUND_SQL} ${where} ORDER BY r.date DESC, r.id DESC LIMIT ?`)
    .all(...args, f.limit)
    .map(fromRow);
}

interface Draw {
  kind: 'payment' | 'credit_note';
  id: number;
  amount: number;
}

function exceeds(amount: number, refundable: number, extra: Record<string, unknown> = {}): AppError {
  return new AppError('REFUND_EXCEEDS_REFUNDABLE', `Only ${refundable} can be refunded here; ${amount} was asked.`, {
    refundable,
    amount,
    ...extra,
  });
}

/** Which sources the refund draws on, and the default method to pay it back with. */
function plan(db: Db, input: PlanInput): { draws: Draw[]; defaultMethod: string; refundable: number } {
  if (input.source === 'payment') {
    const p = db.prepare<[number], { payer_id: number; method: string }>('SELECT payer_id, method FROM payments WHERE id = ?').get(input.paymentId!);
    if (!p) throw new AppError('NOT_FOUND', `No payment ${input.paymentId}.`);
    if (p.payer_id !== input.payerId) throw new AppError('PAYER_INVALID', `Payment ${input.paymentId} was made by another payer.`);
    const refundable = paymentRemaining(db, input.paymentId!);
    if (input.amount > refundable) throw exceeds(input.amount, refundable);
    return { draws: [{ kind: 'payment', id: input.paymentId!, amount: input.amount }], defaultMethod: p.method, refundable };
  }
  // Newest first: the last money in is the first to go back.
  const sources = creditSources(db, input.payerId)
    .filter((s) => s.source !== 'bonus')
    .reverse()
    .map((s) => ({ kind: s.source as Draw['kind'], id: s.id, remaining: s.available }));
  const refundable = sources.reduce((s, x) => s + x.remaining, 0);
  if (input.amount > refundable) throw exceeds(input.amount, refundable, { bonusCredit: payerBalance(db, input.payerId).bonusCredit });
  const defaultMethod = getMethod(db, 'cash')?.active ? 'cash' : activeMethodCode(db);
  return { draws: draw(input.amount, sources), defaultMethod, refundable };
}

interface Forfeit {
  grantId: number;
  paymentId: number;
  before: number;
  after: number;
}

/** The bonus grants of the top-ups a refund draws on, usable before and after it (see bonusForfeited). */
function forfeits(db: Db, draws: Draw[]): Forfeit[] {
  return draws
    .filter((d) => d.kind === 'payment')
    .flatMap((d) =>
      bonusGrants(db, 'b.payment_id = ?', d.id).map((g) => ({
        grantId: g.id,
        paymentId: d.id,
        before: bonusAvailable(g),
        after: bonusAvailable({ ...g, refunded: g.refunded + d.amount }),
      })),
    )
    .filter((f) => f.before > f.after);
}

export function previewRefund(db: Db, input: PlanInput): RefundPreview {
  if (!db.prepare<[number], { id: number }>('SELECT id FROM members WHERE id = ?').get(input.payerId)) throw new AppError('NOT_FOUND', `No member ${input.payerId}.`);
  const { draws, refundable } = plan(db, input);
  return { refundable, bonusForfeited: forfeits(db, draws).reduce((s, f) => s + f.before - f.after, 0) };
}

function activeMethodCode(db: Db): string {
  return db.prepare<[], { code: string }>('SELECT code FROM payment_methods WHERE active = 1 ORDER BY position LIMIT 1').get()!.code;
}

export function createRefund(ctx: Ctx, input: RefundInput): RefundResult {
  const db = ctx.db;
  const replay = findRequest<{ refundIds: number[]; payerId: number; bonusForfeited?: number }>(db, input.requestId, 'refunds.create');
  if (replay) return result(ctx, replay.refundIds, replay.payerId, true, replay.bonusForfeited ?? 0);

  const payer = db.prepare<[number], { id: number }>('SELECT id FROM members WHERE id = ?').get(input.payerId);
  if (!payer) throw new AppError('NOT_FOUND', `No member ${input.payerId}.`);
  const date = moneyDate(db, input.date, ctx.today());
  const { draws, defaultMethod } = plan(db, input);
  const forfeited = forfeits(db, draws);
  const method = input.method ? activeMethod(db, input.method).code : defaultMethod;
  const now = ctx.now().toISOString();
  const insert = db.prepare(
    `INSERT INTO refunds (payer_id, payment_id, credit_note_id, date, method, amount, reason, staff_id, staff_name, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ids = draws.map((d) =>
    Number(
      insert.run(
        input.payerId,
        d.kind === 'payment' ? d.id : null,
        d.kind === 'credit_note' ? d.id : null,
        date,
        method,
        d.amount,
        input.reason,
        ctx.staff?.id ?? null,
        ctx.staff?.name ?? '',
        now,
      ).lastInsertRowid,
    ),
  );
  const bonusForfeited = forfeited.reduce((s, f) => s + f.before - f.after, 0);
  saveRequest(db, input.requestId, 'refunds.create', { refundIds: ids, payerId: input.payerId, bonusForfeited }, now);
  for (const r of getRefunds(db, ids)) ctx.audit('refund', r.id, null, r);
  // The forfeiture is derived from the refund (nothing else is written); audited so the screen shows it.
  for (const f of forfeited) {
    ctx.audit('bonus_grant', f.grantId, { available: f.before, payerId: input.payerId }, { available: f.after, forfeited: f.before - f.after, paymentId: f.paymentId, payerId: input.payerId });
  }
  return result(ctx, ids, input.payerId, false, bonusForfeited);
}

function result(ctx: Ctx, ids: number[], payerId: number, replayed: boolean, bonusForfeited: number): RefundResult {
  const refunds = getRefunds(ctx.db, ids);
  return { refunds, total: refunds.reduce((s, r) => s + r.amount, 0), bonusForfeited, payer: payerMoney(ctx.db, payerId, ctx.today()), replayed };
}
