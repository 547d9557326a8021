/**
 * Reading the audit log: the chain check behind "verify", the viewer's filtered query and its facets.
 * All of it only reads; the log itself is append-only (triggers in migration 001).
 */
import type { AuditFacets, AuditRow, AuditVerifyResult } from '../../contract/audit';
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

const toAuditRow = (r: AuditLogRow): AuditRow => ({
  id: r.id,
  at: r.at,
  staffId: r.staff_id,
  staffName: r.staff_name,
  channel: r.channel,
  entity: r.entity,
  entityId: r.entity_id,
  before: parse(r.before),
  after: parse(r.after),
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
    return { rows: repo.page(filter, f.limit, f.offset).map(toAuditRow), total: repo.count(filter) };
  }

  const facets = (): AuditFacets => ({ entities: repo.entities(), staff: repo.staff() });

  return { verify, query, facets };
}

export type AuditService = ReturnType<typeof createAuditService>;
