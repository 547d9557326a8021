import { hash } from 'node:crypto';
import type { Db } from '../../db/open';
import { insertRows } from '../../db/statements';
import { batchPart, type BatchPart } from '../../db/write-batch';

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
 * device column (migration 023) joins the list only when set, so rows written before it keep their hash.
 */
export function entryHash(
  prevHash: string,
  row: { at: string; staff_id: number | null; staff_name: string; channel: string; entity: string; entity_id: string; before: string | null; after: string | null; device?: string | null },
): string {
  const fields = [prevHash, row.at, row.staff_id, row.staff_name, row.channel, row.entity, row.entity_id, row.before, row.after];
  const canonical = JSON.stringify(row.device == null ? fields : [...fields, row.device]);
  // The one-shot hash: the same digest as createHash().update().digest(), without a Hash object per row (~3 × faster).
  return hash('sha256', canonical, 'hex');
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

type AuditRow = Parameters<typeof entryHash>[1];
const COLUMNS = ['at', 'staff_id', 'staff_name', 'channel', 'entity', 'entity_id', 'before', 'after', 'prev_hash', 'hash', 'device'] as const;

export function createAuditLog(db: Db) {
  const lastHash = db.prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');

  /**
   * Writes rows in order, each chained to the one before: one lookup of the last hash, then the
   * rows in multi-row INSERTs (the same rows, ids and hashes as one insert each).
   */
  function write(rows: readonly AuditRow[]): void {
    let prev = lastHash.get()?.hash ?? GENESIS_HASH;
    const values = rows.map((r) => {
      const hash = entryHash(prev, r);
      const v = [r.at, r.staff_id, r.staff_name, r.channel, r.entity, r.entity_id, r.before, r.after, prev, hash, r.device ?? null];
      prev = hash;
      return v;
    });
    insertRows(db, 'audit_log', COLUMNS, values);
  }

  /** Entries of an open write batch (electron/db/write-batch.ts), written when it ends. */
  const buffer = (): BatchPart & { rows: AuditRow[] } => {
    const rows: AuditRow[] = [];
    return { rows, mark: () => rows.length, undo: (n) => void (rows.length = n as number), flush: () => write(rows) };
  };

  /**
   * Appends one entry. Call inside the action's transaction so the log and the change commit
   * together; inside a write batch (the billing run) it is written with the batch, before its commit.
   */
  function record(e: AuditEntry): void {
    const row: AuditRow = {
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
    const batch = batchPart(db, 'audit_log', buffer);
    if (batch) batch.rows.push(row);
    else write([row]);
  }

  return { record };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
