/**
 * Reading the audit log: the chain check behind "verify", the viewer's filtered query and its facets.
 * All of it only reads; the log itself is append-only (triggers in migration 001).
 */
import type { AuditFacets, AuditNames, AuditRow, AuditVerifyResult } from '../../contract/audit';
import type { DataEnv } from '../../contract/env';
import { createAuditLogRepo } from '../../db/repos/audit-log';
import type { AuditLogRow } from '../../db/rows';
import { entryHash, GENESIS_HASH } from './audit';
import { startOfDayInZone } from './zone';

export interface AuditFilter {
  staffId?: number | undefined;
  memberId?: number | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

const parse = (v: string | null): unknown => {
  if (v === null) return null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
};

const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const idOf = (...values: unknown[]): number | null => {
  for (const v of values) if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  return null;
};
const textOf = (...values: unknown[]): string | null => {
  for (const v of values) if (typeof v === 'string' && v !== '') return v;
  return null;
};

/**
 * The names an entry points at: a name the entry recorded wins (the name at the time); otherwise its ids
 * (memberId, payerId, planId, invoiceId, or the entity's own id) are looked up now.
 */
function namesOf(repo: ReturnType<typeof createAuditLogRepo>, r: AuditLogRow, before: unknown, after: unknown): AuditNames {
  const b = record(before);
  const a = record(after);
  const own = /^\d+$/.test(r.entity_id) ? Number(r.entity_id) : null;
  const sub =
    r.entity === 'subscription' && own !== null
      ? repo.subscription(own)
      : r.entity === 'subscription_addon'
        ? (() => {
            const subId = idOf(a.subscriptionId, b.subscriptionId) ?? (own === null ? null : repo.addonSubscription(own));
            return subId === null ? null : repo.subscription(subId);
          })()
        : null;
  const invoiceId = r.entity === 'invoice' || r.entity === 'invoice_settlement' || r.entity === 'late_fee' ? own : idOf(a.invoiceId, b.invoiceId);
  const memberId =
    r.entity === 'member' || r.entity === 'member_photo'
      ? own
      : (idOf(a.memberId, b.memberId, a.payerId, b.payerId) ?? sub?.memberId ?? (invoiceId === null ? null : repo.invoicePayer(invoiceId)));
  const planId = idOf(a.planId, a.pendingPlanId, b.planId) ?? sub?.planId ?? null;
  return {
    member: textOf(a.memberName, a.payerName, r.entity === 'member' ? a.name : null, b.memberName, b.payerName, r.entity === 'member' ? b.name : null) ?? repo.memberName(memberId),
    plan: textOf(r.entity === 'plan' ? a.name : null, r.entity === 'plan' ? b.name : null, a.planName, b.planName) ?? repo.planName(planId),
    staff: r.entity === 'staff' ? (textOf(a.name, b.name) ?? repo.staffName(own)) : null,
    document:
      textOf(a.number, a.feeNumber) ??
      (r.entity === 'credit_note' ? repo.creditNoteNumber(own) : invoiceId === null ? null : repo.invoiceNumber(invoiceId)),
  };
}

const toAuditRow = (r: AuditLogRow, before: unknown, after: unknown, names: AuditNames): AuditRow => ({
  id: r.id,
  at: r.at,
  staffId: r.staff_id,
  staffName: r.staff_name,
  channel: r.channel,
  entity: r.entity,
  entityId: r.entity_id,
  before,
  after,
  names,
  device: r.device,
});

export function createAuditService(env: DataEnv) {
  const repo = createAuditLogRepo(env.db);

  /**
   * Walks the chain in id order: each row must point at its predecessor's hash and its own
   * hash must match its content. The first row that fails is the first broken link
   * (an edited row fails its own hash; a deleted or inserted row breaks the next prev_hash).
   */
  function verify(): AuditVerifyResult {
    let prev = GENESIS_HASH;
    let checked = 0;
    for (const row of repo.inOrder()) {
      checked++;
      if (row.prev_hash !== prev) return { ok: false, checked, firstBrokenId: row.id, problem: 'prev_hash_mismatch' };
      if (entryHash(prev, row) !== row.hash) return { ok: false, checked, firstBrokenId: row.id, problem: 'hash_mismatch' };
      prev = row.hash;
    }
    return { ok: true, checked, firstBrokenId: null, problem: null };
  }

  function query(f: AuditFilter): { rows: AuditRow[]; total: number } {
    const timeZone = env.settings.get().timeZone;
    // Business dates become UTC instants at the business's midnights.
    const filter = {
      staffId: f.staffId,
      memberId: f.memberId,
      entity: f.entity,
      entityId: f.entityId,
      fromAt: f.from ? startOfDayInZone(f.from, timeZone, 0) : undefined,
      toAt: f.to ? startOfDayInZone(f.to, timeZone, 1) : undefined,
    };
    const rows = repo.page(filter, f.limit, f.offset).map((r) => {
      const before = parse(r.before);
      const after = parse(r.after);
      return toAuditRow(r, before, after, namesOf(repo, r, before, after));
    });
    return { rows, total: repo.count(filter) };
  }

  const facets = (): AuditFacets => ({ entities: repo.entities(), staff: repo.staff() });

  return { verify, query, facets };
}

export type AuditService = ReturnType<typeof createAuditService>;
