/**
 * Refunds: money going back, against one payment (its unapplied part) or from the payer's paid
 * account credit. Bonus credit (充值赠送) is never refunded. A refund from credit draws the newest
 * credit first (the last top-up goes back first), one refund row per source it draws on.
 */
import type { z } from 'zod';
import { prepared } from '../../db/statements';
import { AppError, found } from '../../../shared/errors';
import type { Refund, RefundPreview, RefundResult, refundInput, refundPreviewInput } from '../../contract/payments';
import type { Db } from '../../db/open';
import type { ServiceEnv } from '../../contract/env';
import { paymentsRepo, type RefundView } from '../../db/repos/payments';
import { ledgerRepo } from '../../db/repos/ledger';
import { paymentMethodsRepo } from '../../db/repos/payment-methods';
import { draw } from './allocate';
import { bonusAvailable, creditSources, payerBalance } from '../ledger/ledger';
import { paymentRemaining } from './balances';
import { activeMethod, getMethod } from './methods';
import { findRequest, moneyFilter, saveRequest } from './requests';
import { moneyDate, payerMoney } from './payer';

export type RefundInput = z.output<typeof refundInput>;
type PlanInput = Pick<z.output<typeof refundPreviewInput>, 'payerId' | 'source' | 'paymentId' | 'amount'>;

const fromRow = (r: RefundView): Refund => ({
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
  return paymentsRepo(db).refundsOfPayment(paymentId).map(fromRow);
}

export function getRefunds(db: Db, ids: number[]): Refund[] {
  const repo = paymentsRepo(db);
  return ids.map((id) => fromRow(repo.refund(id)!));
}

export function listRefunds(db: Db, f: Parameters<typeof moneyFilter>[0]): Refund[] {
  return paymentsRepo(db).refunds(moneyFilter(f)).map(fromRow);
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
    const p = found(paymentsRepo(db).byId(input.paymentId!), 'payment', input.paymentId!, `No payment ${input.paymentId}.`);
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
      ledgerRepo(db).grantsOfPayment(d.id).map((g) => ({
        grantId: g.id,
        paymentId: d.id,
        before: bonusAvailable(g),
        after: bonusAvailable({ ...g, refunded: g.refunded + d.amount }),
      })),
    )
    .filter((f) => f.before > f.after);
}

export function previewRefund(db: Db, input: PlanInput): RefundPreview {
  payerExists(db, input.payerId);
  const { draws, refundable } = plan(db, input);
  return { refundable, bonusForfeited: forfeits(db, draws).reduce((s, f) => s + f.before - f.after, 0) };
}

function activeMethodCode(db: Db): string {
  return paymentMethodsRepo(db).methods(false)[0]!.code;
}

function payerExists(db: Db, payerId: number): void {
  found(paymentsRepo(db).payerMember(payerId), 'member', payerId, `No member ${payerId}.`);
}

export function createRefund(env: ServiceEnv, input: RefundInput): RefundResult {
  const db = env.db;
  const replay = findRequest<{ refundIds: number[]; payerId: number; bonusForfeited?: number }>(db, input.requestId, 'refunds.create');
  if (replay) return result(env, replay.refundIds, replay.payerId, true, replay.bonusForfeited ?? 0);

  payerExists(db, input.payerId);
  const date = moneyDate(db, input.date, env.today());
  const { draws, defaultMethod } = plan(db, input);
  // Money cannot go back before it came in: the day close would show a refund of cash not yet received.
  for (const d of draws) {
    const sql = d.kind === 'payment' ? 'SELECT date FROM payments WHERE id = ?' : 'SELECT issue_date FROM credit_notes WHERE id = ?';
    const from = prepared<[number], string>(db, sql).pluck().get(d.id);
    if (from !== undefined && date < from) {
      throw new AppError('DATE_OUT_OF_RANGE', `A refund cannot be dated before the money it pays back (${from}).`, { field: 'date', date, min: from });
    }
  }
  const forfeited = forfeits(db, draws);
  const method = input.method ? activeMethod(db, input.method).code : defaultMethod;
  const now = env.now().toISOString();
  const staff = env.actor();
  const repo = paymentsRepo(db);
  const ids = draws.map((d) =>
    repo.insertRefund({
      payer_id: input.payerId,
      payment_id: d.kind === 'payment' ? d.id : null,
      credit_note_id: d.kind === 'credit_note' ? d.id : null,
      date,
      method,
      amount: d.amount,
      reason: input.reason,
      staff_id: staff?.id ?? null,
      staff_name: staff?.name ?? '',
      created_at: now,
    }),
  );
  const bonusForfeited = forfeited.reduce((s, f) => s + f.before - f.after, 0);
  saveRequest(db, input.requestId, 'refunds.create', { refundIds: ids, payerId: input.payerId, bonusForfeited }, now);
  for (const r of getRefunds(db, ids)) env.audit('refund', r.id, null, r);
  // The forfeiture is derived from the refund (nothing else is written); audited so the screen shows it.
  for (const f of forfeited) {
    env.audit('bonus_grant', f.grantId, { available: f.before, payerId: input.payerId }, { available: f.after, forfeited: f.before - f.after, paymentId: f.paymentId, payerId: input.payerId });
  }
  return result(env, ids, input.payerId, false, bonusForfeited);
}

function result(env: ServiceEnv, ids: number[], payerId: number, replayed: boolean, bonusForfeited: number): RefundResult {
  const refunds = getRefunds(env.db, ids);
  return { refunds, total: refunds.reduce((s, r) => s + r.amount, 0), bonusForfeited, payer: payerMoney(env.db, payerId, env.today()), replayed };
}
