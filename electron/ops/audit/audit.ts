import { createHash } from 'node:crypto';
import type { Db } from '../../db/open';

export interface AuditEntry {
  at: string;
  staffId: number | null;
  staffName: string;
  channel: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  /** The connected desk the change came from; null or absent: this PC. */
  device?: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of one row: covers the previous hash and every stored column, in a fixed order. The
 * device column (migration 024) joins the list only when set, so rows written before it keep their hash.
 */
export function entryHash(
  prevHash: string,
  row: { at: string; staff_id: number | null; staff_name: string; channel: string; entity: string; entity_id: string; before: string | null; after: string | null; device?: string | null },
): string {
  const fields = [prevHash, row.at, row.staff_id, row.staff_name, row.channel, row.entity, row.entity_id, row.before, row.after];
  const canonical = JSON.stringify(row.device == null ? fields : [...fields, row.device]);
  return createHash('sha256').update(canonical).digest('hex');
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export function createAuditLog(db: Db) {
  const lastHash = db.prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO audit_log (at, staff_id, staff_name, channel, entity, entity_id, before, after, prev_hash, hash, device)
     VALUES (@at, @staff_id, @staff_name, @channel, @entity, @entity_id, @before, @after, @prev_hash, @hash, @device)`,
  );

  /** Appends one entry. Call inside the action's transaction so the log and the change commit together. */
  function record(e: AuditEntry): void {
    const prev = lastHash.get()?.hash ?? GENESIS_HASH;
    const row = {
      at: e.at,
      staff_id: e.staffId,
      staff_name: e.staffName,
      channel: e.channel,
      entity: e.entity,
      entity_id: e.entityId,
      before: json(e.before),
      after: json(e.after),
      device: e.device ?? null,
    };
    insert.run({ ...row, prev_hash: prev, hash: entryHash(prev, row) });
  }

  return { record };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
