/**
 * (1) The billing run over every due subscription, through `billing.run`, beside an honest SQLite
 * floor. The floor replays exactly the rows the run wrote — its new invoices, lines, allocations,
 * audit entries and run record, and the final values of the subscription, pause, add-on and
 * number-sequence rows it changed — with prepared statements in ONE transaction, into a copy of
 * the database taken before the run, opened with the app's pragmas (WAL, synchronous=FULL,
 * foreign_keys=ON), with the same columns, indexes and foreign keys but WITHOUT the app's
 * triggers: what the triggers do (report caches, guards) is the app's cost and stays in the run's
 * figure. The bare figure is the invoice and line rows alone. A run bills each period once, so it
 * is measured once per process; the floors run on fresh copies, the first as warm-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../../electron/db/open';
import { DB_FILE, type Host } from '../../electron/host/host';
import type { TestClock } from '../support/host';
import { BENCH_DUE } from './seed';
import { figure, single, summarise, type Figure } from './stats';

/** Tables the run inserts into, parents first (the order foreign keys need). */
const INSERTED = ['billing_runs', 'invoices', 'invoice_lines', 'credit_notes', 'credit_note_lines', 'allocations', 'refunds', 'audit_log'] as const;
/** Tables whose existing rows the run updates (or deletes, for a pause it drops). */
const UPDATED = ['subscriptions', 'subscription_pauses', 'subscription_addons', 'number_sequences'] as const;
/** The invoice and line rows alone (and the one run record their foreign key needs): the bare figure. */
const BARE = new Set<string>(['billing_runs', 'invoices', 'invoice_lines']);

type Row = Record<string, unknown>;
interface Written {
  inserted: Map<string, Row[]>;
  updated: Map<string, Row[]>;
  deleted: Map<string, unknown[]>;
}

/** Copies the host's database as it is now (nothing else writes while the bench awaits nothing). */
function copyNow(host: Host, dataDir: string, floorDir: string): string {
  host.db.pragma('wal_checkpoint(TRUNCATE)');
  const file = path.join(floorDir, DB_FILE);
  fs.copyFileSync(path.join(dataDir, DB_FILE), file);
  return file;
}

export async function benchBilling(host: Host, clock: TestClock, dataDir: string, floorDir: string, at: string): Promise<Figure[]> {
  // Start-up work (daily backup, background check, the start-up run's catch-up) is not the run
  // measured here: let it finish first (hosts without `settled` did it inside createHost).
  await (host as Host & { settled?: () => Promise<void> }).settled?.();
  const floorFile = copyNow(host, dataDir, floorDir);
  const marks = maxIds(host.db);
  clock.setDate(BENCH_DUE);
  const t = performance.now();
  const run = await host.invoke('billing.run', {});
  const runMs = performance.now() - t;
  const written = writtenBy(host.db, floorFile, marks);
  const invoices = written.inserted.get('invoices')?.length ?? 0;
  const lines = written.inserted.get('invoice_lines')?.length ?? 0;
  const honest = onCopies(floorFile, (db) => replay(db, written, () => true));
  const bare = onCopies(floorFile, (db) => replay(db, { ...written, updated: new Map(), deleted: new Map() }, (t) => BARE.has(t)));
  const rows = [...written.inserted.values()].reduce((n, r) => n + r.length, 0);
  const changed = [...written.updated.values()].reduce((n, r) => n + r.length, 0);
  const note = `${invoices} invoices, ${lines} lines, ${run.errors.length} errors`;
  return [
    single('billing run', at, runMs, 'ms', null, `${note}; one run (a period is billed once)`),
    figure('SQLite floor (same rows, no triggers, 1 tx)', at, honest, null, `${rows} rows inserted, ${changed} updated; after 1 warm-up`),
    figure('bare floor (invoice + line rows only)', at, bare, null, 'after 1 warm-up'),
    // The issue states the 3 × target at L (100,000 members); at S and M the run's fixed costs weigh more.
    /^L\b/.test(at)
      ? single('billing run ÷ floor', at, runMs / summarise(honest).median, '×', 3)
      : single('billing run ÷ floor', at, runMs / summarise(honest).median, '×', null, 'the 3 × target is stated at L'),
  ];
}

function maxIds(db: Db): Map<string, number> {
  return new Map(INSERTED.map((t) => [t, (db.prepare(`SELECT max(rowid) FROM ${t}`).pluck().get() as number | null) ?? 0]));
}

/** What the run wrote: rows past the marks, and rows of UPDATED tables that differ from the copy taken before. */
function writtenBy(db: Db, beforeFile: string, marks: Map<string, number>): Written {
  const inserted = new Map(INSERTED.map((t) => [t, db.prepare(`SELECT * FROM ${t} WHERE rowid > ? ORDER BY rowid`).all(marks.get(t)) as Row[]]));
  const updated = new Map<string, Row[]>();
  const deleted = new Map<string, unknown[]>();
  const before = openDatabase(beforeFile, { readonly: true });
  try {
    for (const t of UPDATED) {
      const key = primaryKey(db, t);
      const old = new Map((before.prepare(`SELECT * FROM ${t}`).all() as Row[]).map((r) => [keyOf(r, key), JSON.stringify(r)]));
      const now = db.prepare(`SELECT * FROM ${t}`).all() as Row[];
      updated.set(t, now.filter((r) => old.has(keyOf(r, key)) && old.get(keyOf(r, key)) !== JSON.stringify(r)));
      const still = new Set(now.map((r) => keyOf(r, key)));
      deleted.set(t, [...old.keys()].filter((k) => !still.has(k)));
    }
  } finally {
    before.close();
  }
  return { inserted, updated, deleted };
}

function primaryKey(db: Db, table: string): string[] {
  const cols = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; pk: number }[];
  return cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
}
const keyOf = (r: Row, key: string[]) => JSON.stringify(key.map((k) => r[k]));

/** Runs `measure` on four fresh copies of the pre-run file with the triggers dropped; drops the warm-up. */
function onCopies(file: string, measure: (db: Db) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 4; i++) {
    const copy = `${file}.${i}`;
    fs.copyFileSync(file, copy);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    const db = openDatabase(copy);
    try {
      for (const name of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]) db.exec(`DROP TRIGGER "${name}"`);
      db.pragma('wal_checkpoint(TRUNCATE)');
      out.push(measure(db));
    } finally {
      db.close();
      for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
    }
  }
  return out.slice(1);
}

/** The written rows, replayed in one transaction with one prepared statement per table and column set. */
function replay(db: Db, w: Written, include: (table: string) => boolean): number {
  const plans = [...w.inserted].filter(([t, rows]) => include(t) && rows.length > 0).map(([t, rows]) => {
    const cols = Object.keys(rows[0]!);
    return { rows, stmt: db.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`) };
  });
  const updates = [...w.updated].filter(([t, rows]) => include(t) && rows.length > 0).map(([t, rows]) => {
    const key = primaryKey(db, t);
    const cols = Object.keys(rows[0]!).filter((c) => !key.includes(c));
    return { rows, stmt: db.prepare(`UPDATE ${t} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE ${key.map((k) => `${k} = @${k}`).join(' AND ')}`) };
  });
  const deletes = [...w.deleted].filter(([t, keys]) => include(t) && keys.length > 0).map(([t, keys]) => {
    const key = primaryKey(db, t);
    return { keys, stmt: db.prepare(`DELETE FROM ${t} WHERE ${key.map((k) => `${k} = ?`).join(' AND ')}`) };
  });
  const t = performance.now();
  db.transaction(() => {
    // The run's run record exists before its invoices and is finished after them: insert first.
    for (const p of plans) for (const r of p.rows) p.stmt.run(r);
    for (const u of updates) for (const r of u.rows) u.stmt.run(r);
    for (const d of deletes) for (const k of d.keys) d.stmt.run(...(JSON.parse(k as string) as unknown[]));
  })();
  return performance.now() - t;
}
