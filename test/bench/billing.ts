/**
 * (1) The billing run over every due subscription, through `billing.run`, beside the SQLite
 * floor: the same number of invoice and line rows inserted with prepared statements in ONE
 * transaction, on a copy of the same database (same schema, indexes, triggers) opened with the
 * app's pragmas (WAL, synchronous=FULL, foreign_keys=ON). A run bills each period once, so it
 * is measured once per process; the floor is run on fresh copies, the first as warm-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../../electron/db/open';
import { DB_FILE, type Host } from '../../electron/host/host';
import type { TestClock } from '../support/host';
import { BENCH_DUE } from './seed';
import { figure, single, summarise, type Figure } from './stats';

/** Copies the database before the run (call while no one writes it). */
export function copyForFloor(dataDir: string, floorDir: string): string {
  const file = path.join(floorDir, DB_FILE);
  fs.copyFileSync(path.join(dataDir, DB_FILE), file);
  const wal = path.join(dataDir, `${DB_FILE}-wal`);
  if (fs.existsSync(wal)) fs.copyFileSync(wal, `${file}-wal`);
  return file;
}

export async function benchBilling(
  host: Host,
  clock: TestClock,
  floorFile: string,
  at: string,
): Promise<Figure[]> {
  // Start-up work (daily backup, background check, the start-up run's catch-up) is not the run
  // measured here: let it finish first (hosts without `settled` did it inside createHost).
  await (host as Host & { settled?: () => Promise<void> }).settled?.();
  const before = counts(host.db);
  clock.setDate(BENCH_DUE);
  const t = performance.now();
  const run = await host.invoke('billing.run', {});
  const runMs = performance.now() - t;
  const after = counts(host.db);
  const invoices = after.invoices - before.invoices;
  const lines = after.lines - before.lines;
  const floors: number[] = [];
  for (let i = 0; i < 4; i++) {
    const copy = `${floorFile}.${i}`;
    fs.copyFileSync(floorFile, copy);
    if (fs.existsSync(`${floorFile}-wal`)) fs.copyFileSync(`${floorFile}-wal`, `${copy}-wal`);
    floors.push(floor(copy, invoices, lines));
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  }
  const floorStats = summarise(floors.slice(1));
  const note = `${invoices} invoices, ${lines} lines, ${run.errors.length} errors`;
  return [
    single('billing run', at, runMs, 'ms', null, `${note}; one run (a period is billed once)`),
    figure('SQLite floor (same rows, 1 tx)', at, floors.slice(1), null, 'after 1 warm-up'),
    single('billing run ÷ floor', at, runMs / floorStats.median, '×', 3),
  ];
}

function counts(db: Db): { invoices: number; lines: number } {
  const n = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
  return {
    invoices: n('SELECT count(*) FROM invoices'),
    lines: n('SELECT count(*) FROM invoice_lines'),
  };
}

/** Inserts `invoices` invoices and `lines` lines (spread over them) for due subscriptions, in one transaction. */
export function floor(file: string, invoices: number, lines: number): number {
  const db = openDatabase(file);
  try {
    const subs = db
      .prepare(
        'SELECT s.id, s.member_id, s.plan_id, s.price FROM subscriptions s WHERE s.next_bill_date = ? ORDER BY s.id LIMIT ?',
      )
      .all(BENCH_DUE, Math.max(invoices, 1)) as {
      id: number;
      member_id: number;
      plan_id: number;
      price: number;
    }[];
    const insInv = db.prepare(
      "INSERT INTO invoices (number, payer_id, issue_date, due_date, currency, subtotal, tax_total, total, run_id, created_at) VALUES (?, ?, ?, ?, 'CNY', ?, 0, ?, ?, ?)",
    );
    const insLine = db.prepare(
      "INSERT INTO invoice_lines (invoice_id, position, kind, description, subscription_id, plan_id, period_start, period_end, amount, tax_rate_bp, net, tax, gross) VALUES (?, ?, 'period', 'Monthly', ?, ?, ?, ?, ?, 0, ?, 0, ?)",
    );
    const perInvoice = Math.max(1, Math.round(lines / Math.max(invoices, 1)));
    const now = new Date().toISOString();
    const t = performance.now();
    db.transaction(() => {
      // The run's invoices reference their run (a foreign key checked on every insert): so do these.
      const runId = db
        .prepare(
          "INSERT INTO billing_runs (trigger, as_of, started_at, status) VALUES ('manual', ?, ?, 'running')",
        )
        .run(BENCH_DUE, now).lastInsertRowid;
      let made = 0;
      for (let i = 0; i < invoices && subs.length > 0; i++) {
        const s = subs[i % subs.length]!;
        // More invoices than subscriptions due that day (a catch-up): a later round takes other period starts.
        const round = Math.floor(i / subs.length);
        const start = round === 0 ? BENCH_DUE : `${BENCH_DUE}~${round}`;
        const id = Number(
          insInv.run(`F-${i}`, s.member_id, BENCH_DUE, BENCH_DUE, s.price, s.price, runId, now)
            .lastInsertRowid,
        );
        for (let k = 0; k < perInvoice && made < lines; k++, made++) {
          // One period line per subscription and start: distinct starts keep the unique index honest.
          insLine.run(
            id,
            k + 1,
            s.id,
            s.plan_id,
            k === 0 ? start : `${start}#${k}`,
            '9999-12-31',
            s.price,
            s.price,
            s.price,
          );
        }
      }
    })();
    return performance.now() - t;
  } finally {
    db.close();
  }
}
