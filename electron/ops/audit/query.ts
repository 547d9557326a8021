/**
 * Reading the audit log: the chain check behind "verify" and the viewer's filtered query.
 * Both only read; the log itself is append-only (triggers in migration 001).
 */
import type { AuditFacets, AuditRow, AuditVerifyResult } from '../../contract/audit';
import type { Db } from '../../db/open';
import { entryHash, GENESIS_HASH } from './audit';
import { startOfDayInZone } from './zone';
import type { AuditLogRow } from '../../db/rows';

/**
 * Walks the chain in id order: each row must point at its predecessor's hash and its own
 * hash must match its content. The first row that fails is the first broken link
 * (an edited row fails its own hash; a deleted or inserted row breaks the next prev_hash).
 */
export function verifyChain(db: Db): AuditVerifyResult {
  let prev = GENESIS_HASH;
  let checked = 0;
  for (const row of db.prepare<[], AuditLogRow>('SELECT * FROM audit_log ORDER BY id').iterate()) {
    checked++;
    if (row.prev_hash !== prev) return { ok: false, checked, firstBrokenId: row.id, problem: 'prev_hash_mismatch' };
    if (entryHash(prev, row) !== row.hash) return { ok: false, checked, firstBrokenId: row.id, problem: 'hash_mismatch' };
    prev = row.hash;
  }
  return { ok: true, checked, firstBrokenId: null, problem: null };
}

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

/** Member rows: the member record itself, or a change whose before/after carries the member (or payer) id. */
const MEMBER_SQL = `(
  (entity IN ('member', 'members') AND entity_id = @memberIdText)
  OR (json_valid(after) AND (json_extract(after, '$.memberId') = @memberId OR json_extract(after, '$.payerId') = @memberId))
  OR (json_valid(before) AND (json_extract(before, '$.memberId') = @memberId OR json_extract(before, '$.payerId') = @memberId))
)`;

export function queryAudit(db: Db, f: AuditFilter, timeZone: string): { rows: AuditRow[]; total: number } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: f.limit, offset: f.offset };
  if (f.staffId !== undefined) {
    where.push('staff_id = @staffId');
    params['staffId'] = f.staffId;
  }
  if (f.memberId !== undefined) {
    where.push(MEMBER_SQL);
    params['memberId'] = f.memberId;
    params['memberIdText'] = String(f.memberId);
  }
  if (f.entity) {
    where.push('entity = @entity');
    params['entity'] = f.entity;
  }
  if (f.entityId) {
    where.push('entity_id = @entityId');
    params['entityId'] = f.entityId;
  }
  // Business dates become UTC instants at the business's midnights.
  if (f.from) {
    where.push('at >= @fromAt');
    params['fromAt'] = startOfDayInZone(f.from, timeZone, 0);
  }
  if (f.to) {
    where.push('at < @toAt');
    params['toAt'] = startOfDayInZone(f.to, timeZone, 1);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${clause}`).get(params) as { n: number }).n;
  const rows = db
    .prepare<Record<string, unknown>, AuditLogRow>(`SELECT * FROM audit_log ${clause} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
    .all(params)
    .map((r) => ({
      id: r.id,
      at: r.at,
      staffId: r.staff_id,
      staffName: r.staff_name,
      channel: r.channel,
      entity: r.entity,
      entityId: r.entity_id,
      before: parse(r.before),
      after: parse(r.after),
    }));
  return { rows, total };
}

export function auditFacets(db: Db): AuditFacets {
  return {
    entities: db.prepare<[], { entity: string }>('SELECT DISTINCT entity FROM audit_log ORDER BY entity').all().map((r) => r.entity),
    staff: db
      .prepare<[], { id: number | null; name: string }>(
        "SELECT staff_id AS id, staff_name AS name FROM audit_log WHERE staff_id IS NOT NULL GROUP BY staff_id, staff_name ORDER BY staff_name",
      )
      .all(),
  };
}
