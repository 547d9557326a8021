/** Session packs (次卡 / 课时包): sold once on their own invoice, N sessions valid D days. */
import { addDays } from '../../../shared/dates';
import type { MemberPack } from '../../contract/billing-types';
import { AppError } from '../../../shared/errors';
import { descriptions } from '../../money/invoices/descriptions';
import type { AuditFn, BillingEnv } from '../../money/invoices/env';
import type { MembersService } from '../members/service';
import type { PlansService } from '../plans/service';
import { billPayerToday, deskAction, type DeskOutcome } from '../subscriptions/desk';
import { sessionsUsed } from './usage';
import { prepared } from '../../db/statements';
import type { MemberPackRow, PlanRow } from '../../db/rows';

/** A pack with its plan's name. */
type PackRow = MemberPackRow & { plan_name: PlanRow['name'] };

/** Status is derived from dates and usage, so expiry needs no write: expired from `expires_on`. */
function toPack(r: PackRow, used: number, today: string): MemberPack {
  const status = today >= r.expires_on ? 'expired' : used >= r.sessions_total ? 'used_up' : 'active';
  return {
    id: r.id,
    memberId: r.member_id,
    planId: r.plan_id,
    planName: r.plan_name,
    invoiceId: r.invoice_id,
    sessionsTotal: r.sessions_total,
    sessionsUsed: used,
    startDate: r.start_date,
    expiresOn: r.expires_on,
    status,
  };
}

const SELECT = 'SELECT p.*, pl.name AS plan_name FROM member_packs p JOIN plans pl ON pl.id = p.plan_id';

export function createPacksService(env: BillingEnv, plans: PlansService, members: MembersService) {
  const db = env.db;

  function read(rows: PackRow[]): MemberPack[] {
    const used = sessionsUsed(db, rows.map((r) => r.id));
    return rows.map((r) => toPack(r, used.get(r.id) ?? 0, env.today()));
  }

  function get(id: number): MemberPack {
    const row = prepared<[number], PackRow>(db, `${SELECT} WHERE p.id = ?`).get(id);
    if (!row) throw new AppError('NOT_FOUND', `Pack ${id} does not exist.`, { entity: 'pack', id });
    return read([row])[0] as MemberPack;
  }

  function listByMember(memberId: number): MemberPack[] {
    members.get(memberId);
    return read(prepared<[number], PackRow>(db, `${SELECT} WHERE p.member_id = ? ORDER BY p.start_date DESC, p.id DESC`).all(memberId));
  }

  function sell(
    input: { memberId: number; planId: number; startDate?: string | undefined; price?: number | undefined },
    audit: AuditFn,
  ): { pack: MemberPack; invoiceId: number | null } & DeskOutcome {
    return deskAction(env, audit, () => {
      const member = members.active(input.memberId);
      const plan = plans.sellable(input.planId, 'pack');
      const today = env.today();
      const start = input.startDate ?? today;
      if (start < addDays(today, -366) || start > addDays(today, 366)) {
        throw new AppError('DATE_OUT_OF_RANGE', `startDate ${start} must be within a year of today.`, { field: 'startDate', date: start });
      }
      const sessions = plan.pack_sessions as number;
      const expires = addDays(start, plan.pack_valid_days as number);
      const price = input.price ?? plan.price;
      const invoiceId = billPayerToday(
        env,
        member.payerId ?? member.id,
        [
          {
            kind: 'pack', description: descriptions(env.settings.get().locale).pack(plan.name, sessions), planId: plan.id, periodStart: start, periodEnd: expires,
            amount: price, taxRateBp: plan.tax_rate_bp,
            // For this member; the price as sold, over the whole validity.
            memberId: member.id, listPrice: price, daysUsed: plan.pack_valid_days, daysInPeriod: plan.pack_valid_days,
          },
        ],
        audit,
      );
      const info = prepared(db, 'INSERT INTO member_packs (member_id, plan_id, invoice_id, sessions_total, start_date, expires_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(member.id, plan.id, invoiceId, sessions, start, expires, env.now().toISOString());
      const pack = get(Number(info.lastInsertRowid));
      audit('member_pack', pack.id, null, pack);
      return { pack, invoiceId };
    });
  }

  return { get, listByMember, sell };
}

export type PacksService = ReturnType<typeof createPacksService>;
