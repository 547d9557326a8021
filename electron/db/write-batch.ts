/**
 * A write batch: rows that many small units of work each add to the same place (audit entries,
 * a document counter) are kept in memory while the batch runs and written once at its end,
 * inside the same transaction, before it commits. Each unit of the batch is atomic like the
 * savepoint it runs in: a unit that throws takes back what it added to every part.
 *
 * The billing run bills each (payer, date) unit in a savepoint and commits units in batches;
 * it opens a write batch around each transaction (`writeBatch`) and each unit (`batchUnit`).
 * Code that writes through a part (`batchPart`) writes at once when no batch is open, so the
 * desk's single actions take the same path with a batch of one.
 *
 * Nothing may read what a part holds from the database while the batch is open: the parts'
 * owners (the audit log, the document numbers) are written by the run and read by no unit.
 */
import type { Db } from './open';

/** One kind of deferred write. `mark` snapshots what it holds; `undo` returns to a snapshot; `flush` writes it. */
export interface BatchPart {
  mark(): unknown;
  undo(mark: unknown): void;
  flush(): void;
}

interface OpenBatch {
  parts: Map<string, BatchPart>;
}

const open = new WeakMap<Db, OpenBatch>();

/**
 * Runs `fn` with a write batch open on `db` and writes every part (in the order they were first
 * used) when it returns; if it throws, what the parts hold is dropped. Call it inside the
 * transaction that must hold the writes. Nested in an open batch, it is the outer one's.
 */
export function writeBatch<T>(db: Db, fn: () => T): T {
  if (open.has(db)) return fn();
  const batch: OpenBatch = { parts: new Map() };
  open.set(db, batch);
  let out: T;
  try {
    out = fn();
  } finally {
    open.delete(db);
  }
  for (const part of batch.parts.values()) part.flush();
  return out;
}

/**
 * One atomic unit inside an open batch (run it inside the unit's savepoint): if `fn` throws, every
 * part returns to what it held before, and parts first used by the unit are dropped. Without an
 * open batch it just runs `fn`.
 */
export function batchUnit<T>(db: Db, fn: () => T): T {
  const batch = open.get(db);
  if (!batch) return fn();
  const marks = new Map([...batch.parts].map(([k, p]) => [k, p.mark()] as const));
  try {
    return fn();
  } catch (e) {
    for (const [k, p] of [...batch.parts]) {
      if (marks.has(k)) p.undo(marks.get(k));
      else batch.parts.delete(k);
    }
    throw e;
  }
}

/** The part `key` of the batch open on `db` (made by `make` at its first use), or undefined outside a batch. */
export function batchPart<P extends BatchPart>(db: Db, key: string, make: () => P): P | undefined {
  const batch = open.get(db);
  if (!batch) return undefined;
  let part = batch.parts.get(key) as P | undefined;
  if (!part) batch.parts.set(key, (part = make()));
  return part;
}

/** The part `key` of the batch open on `db` if that batch has one (never makes it). */
export function openBatchPart<P extends BatchPart>(db: Db, key: string): P | undefined {
  return open.get(db)?.parts.get(key) as P | undefined;
}
