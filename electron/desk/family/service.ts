/**
 * The payer's household at a glance: the members they pay for, what each holds, when each came,
 * and what is still owed for each. Reads only; a handful of queries for the whole household.
 */
import { splitProportionally } from '../../billing/split';
import type { Family, FamilyMember, FamilyMembership, FamilyPack } from '../../contract/family';
import type { DataEnv } from '../../contract/env';
import type { Db } from '../../db/open';
import { prepared } from '../../db/statements';
import { packUsedSql } from '../../db/pack-usage';
import { startOfMonth } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';

interface Person {
  id: number;
  name: string;
  card_no: string | null;
  payer_id: number | null;
  merged_into: number | null;
}

function person(db: Db, id: number): Person {
  const m = prepared<[number], Person>(db, 'SELECT id, name, card_no, payer_id, merged_into FROM members WHERE id = ?').get(id);
  if (!m) throw new AppError('NOT_FOUND', `No member ${id}.`, { entity: 'member', id });
  if (m.merged_into !== null) throw new AppError('MEMBER_MERGED', `Member ${id} was merged into ${m.merged_into}.`, { mergedInto: m.merged_into });
  return m;
}

const DEPENDANTS = 'SELECT id FROM members WHERE payer_id = @payer AND merged_into IS NULL';

/** Memberships still running or yet to start (ended ones and those past their end date are history). */
function memberships(db: Db, payer: number, today: string): Map<number, FamilyMembership[]> {
  const rows = prepared<{ payer: number; today: string }, {
    id: number; member_id: number; plan_name: string; status: FamilyMembership['status']; next_bill_date: string | null;
    end_date: string | null; pause_start: string | null; pause_end: string | null;
  }>(
    db,
    `SELECT s.id, s.member_id, p.name AS plan_name, s.status, s.next_bill_date, s.end_date,
            z.start_date AS pause_start, z.end_date AS pause_end
       FROM subscriptions s JOIN plans p ON p.id = s.plan_id
       LEFT JOIN subscription_pauses z ON z.id = (SELECT MAX(id) FROM subscription_pauses WHERE subscription_id = s.id AND resumed_on IS NULL)
      WHERE s.member_id IN (${DEPENDANTS}) AND s.status <> 'ended' AND (s.end_date IS NULL OR s.end_date > @today)
      ORDER BY s.start_date, s.id`,
  ).all({ payer, today });
  const out = new Map<number, FamilyMembership[]>();
  for (const r of rows) {
    const pause = r.pause_start !== null && r.status !== 'cancelled' ? { startDate: r.pause_start, endDate: r.pause_end } : null;
    // A membership that ends before its next period has no renewal to show (cancelled at period end, last term).
    const renews = r.next_bill_date !== null && (r.end_date === null || r.next_bill_date < r.end_date);
    const m: FamilyMembership = { subscriptionId: r.id, planName: r.plan_name, status: r.status, nextBillDate: renews ? r.next_bill_date : null, endDate: r.end_date, pause };
    out.set(r.member_id, [...(out.get(r.member_id) ?? []), m]);
  }
  return out;
}

/** Packs with days and sessions left. */
function packs(db: Db, payer: number, today: string): Map<number, FamilyPack[]> {
  const rows = prepared<{ payer: number; today: string }, { id: number; member_id: number; plan_name: string; total: number; used: number; expires_on: string }>(
    db,
    `SELECT k.id, k.member_id, p.name AS plan_name, k.sessions_total AS total, k.expires_on,
            ${packUsedSql('k.id')} AS used
       FROM member_packs k JOIN plans p ON p.id = k.plan_id
      WHERE k.member_id IN (${DEPENDANTS}) AND k.expires_on > @today
      ORDER BY k.expires_on, k.id`,
  ).all({ payer, today });
  const out = new Map<number, FamilyPack[]>();
  for (const r of rows.filter((x) => x.used < x.total)) {
    const p: FamilyPack = { packId: r.id, planName: r.plan_name, sessionsLeft: r.total - r.used, sessionsTotal: r.total, expiresOn: r.expires_on };
    out.set(r.member_id, [...(out.get(r.member_id) ?? []), p]);
  }
  return out;
}

function visits(db: Db, payer: number, monthStart: string, today: string): Map<number, { month: number; last: string | null }> {
  const rows = prepared<{ payer: number; from: string; today: string }, { member_id: number; month: number; last: string | null }>(
    db,
    `SELECT member_id, SUM(date >= @from AND date <= @today) AS month, MAX(date) AS last
       FROM checkins WHERE member_id IN (${DEPENDANTS}) AND undone_at IS NULL GROUP BY member_id`,
  ).all({ payer, from: monthStart, today });
  return new Map(rows.map((r) => [r.member_id, { month: r.month, last: r.last }]));
}

/**
 * What is still owed for each member. Each open invoice's balance is shared among the members its
 * lines are for, in proportion to what their lines are worth (gross, less credit notes against
 * them); a line naming no one is the payer's. Exact to the minor unit per invoice.
 */
export function owedPerMember(db: Db, payer: number): Map<number, number> {
  const rows = prepared<{ payer: number }, { invoice_id: number; balance: number; member_id: number; worth: number }>(
    db,
    `WITH open AS (
       SELECT i.id, i.total - COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.invoice_id = i.id), 0) AS balance
         FROM invoices i WHERE i.payer_id = @payer AND i.status = 'issued')
     SELECT o.id AS invoice_id, o.balance, COALESCE(l.member_id, @payer) AS member_id,
            SUM(l.gross - COALESCE((SELECT SUM(c.gross) FROM credit_note_lines c WHERE c.invoice_line_id = l.id), 0)) AS worth
       FROM open o JOIN invoice_lines l ON l.invoice_id = o.id
      WHERE o.balance > 0
      GROUP BY o.id, COALESCE(l.member_id, @payer) ORDER BY o.id, MIN(l.position)`,
  ).all({ payer });
  const byInvoice = new Map<number, typeof rows>();
  for (const r of rows) byInvoice.set(r.invoice_id, [...(byInvoice.get(r.invoice_id) ?? []), r]);
  const out = new Map<number, number>();
  for (const parts of byInvoice.values()) {
    const payerAt = Math.max(0, parts.findIndex((p) => p.member_id === payer));
    const shares = splitProportionally(parts[0]!.balance, parts.map((p) => p.worth), payerAt);
    parts.forEach((p, i) => out.set(p.member_id, (out.get(p.member_id) ?? 0) + shares[i]!));
  }
  return out;
}

export function createFamilyService(env: DataEnv) {
  function family(memberId: number): Family {
    const payer = person(env.db, memberId);
    const today = env.today();
    const monthStart = startOfMonth(today);
    const kids = prepared<{ payer: number }, Person>(
      env.db,
      'SELECT id, name, card_no, payer_id, merged_into FROM members WHERE payer_id = @payer AND merged_into IS NULL ORDER BY sort_key, id',
    ).all({ payer: payer.id });
    const subs = memberships(env.db, payer.id, today);
    const held = packs(env.db, payer.id, today);
    const came = visits(env.db, payer.id, monthStart, today);
    const owed = owedPerMember(env.db, payer.id);
    const members = kids.map((k): FamilyMember => ({
      memberId: k.id,
      name: k.name,
      cardNo: k.card_no,
      memberships: subs.get(k.id) ?? [],
      packs: held.get(k.id) ?? [],
      visitsThisMonth: came.get(k.id)?.month ?? 0,
      lastVisit: came.get(k.id)?.last ?? null,
      owed: owed.get(k.id) ?? 0,
    }));
    const due = [...owed.values()].reduce((s, x) => s + x, 0);
    // A member who left the household keeps their lines on old invoices: their share is still owed by the payer.
    const ownOwed = due - members.reduce((s, m) => s + m.owed, 0);
    return { payerId: payer.id, payerName: payer.name, monthStart, members, ownOwed, due };
  }
  return { family };
}

export type FamilyService = ReturnType<typeof createFamilyService>;
