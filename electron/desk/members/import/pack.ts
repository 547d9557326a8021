/**
 * A pack (次卡 / 课时包) brought in by the import: paid for before Subdesk, so no invoice. Its
 * sessions are the ones left, from today through the last valid day the file gives.
 */
import { addDays } from '../../../../shared/dates';
import type { Ctx } from '../../../contract/handler';
import { packsRepo } from '../../../db/repos/packs';

export function startImportedPack(ctx: Ctx, p: { memberId: number; planId: number; sessions: number; lastDay: string }): number {
  const row = {
    member_id: p.memberId,
    plan_id: p.planId,
    invoice_id: null,
    sessions_total: p.sessions,
    start_date: ctx.today(),
    // Stored as the first day it no longer counts.
    expires_on: addDays(p.lastDay, 1),
    created_at: ctx.now().toISOString(),
  };
  const id = packsRepo(ctx.db).insert(row);
  ctx.audit('member_pack', id, null, { id, memberId: p.memberId, planId: p.planId, sessionsTotal: p.sessions, startDate: row.start_date, expiresOn: row.expires_on, imported: true });
  return id;
}
