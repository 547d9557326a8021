// Crash test: a child process runs the billing run over 5,000 subscriptions and is killed
// with SIGKILL at random moments. After every kill the database is consistent (each unit is
// atomic, units commit in batches) and a rerun leaves every due period invoiced exactly once,
// numbers gapless and chronological, and no invoice without lines. Children use small batches
// (1, 5 or 25 units), so many commits fall inside a run and kills land between and inside them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../electron/billing/dates';
import { nthPeriod } from '../../../../electron/billing/periods';
import { runBilling } from '../../../../electron/billing-run/run';
import { openDatabase, type Db } from '../../../../electron/db/open';
import { cachedSettings } from '../../../../electron/invoices/env';
import { createSettingsService } from '../../../../electron/settings/service';
import { makeHost } from '../../../support/host';
import { ramTempDir } from '../support';

const SUBSCRIPTIONS = 5000;
const KILLS = 20;
const CHILD = path.join(import.meta.dirname, 'billing-child.ts');

/** 5,000 monthly subscriptions with anchors spread over January; every 10th member pays for the next two. */
function seed(db: Db): void {
  db.transaction(() => {
    const at = '2026-01-01T00:00:00.000Z';
    const plan = Number(
      db.prepare(`INSERT INTO plans (kind, name, price, interval, interval_count, alignment, created_at, updated_at)
                  VALUES ('recurring', 'Gym', 10000, 'month', 1, 'anniversary', ?, ?)`).run(at, at).lastInsertRowid,
    );
    const member = db.prepare('INSERT INTO members (name, payer_id, created_at, updated_at) VALUES (?, ?, ?, ?)');
    const sub = db.prepare(`INSERT INTO subscriptions (member_id, plan_id, price, tax_rate_bp, interval, interval_count, alignment,
        start_date, anchor_date, status, next_bill_date, created_at, updated_at)
      VALUES (?, ?, ?, 0, 'month', 1, 'anniversary', ?, ?, 'active', ?, ?, ?)`);
    let payer = 0;
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const isPayer = i % 10 === 0;
      const payerId = !isPayer && i % 10 <= 2 ? payer : null;
      const id = Number(member.run(`M${i}`, payerId, at, at).lastInsertRowid);
      if (isPayer) payer = id;
      const anchor = addDays('2026-01-01', i % 28);
      sub.run(id, plan, 10000 + (i % 7) * 100, anchor, anchor, anchor, at, at);
    }
  })();
}

interface Child {
  /** Resolves once the child has loaded its modules. */
  ready: Promise<void>;
  /** Starts its run as of `asOf` and kills it `killAfterMs` after it started; resolves with whether it was killed. */
  run(asOf: string, batchUnits: number, killAfterMs: number): Promise<{ killed: boolean }>;
  kill(): void;
}

/** A child process that loads now and runs when told (its start-up overlaps the parent's checks). */
function spawnChild(dataDir: string): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  let killAfter = 0;
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (onReady = r));
  const exited = new Promise<{ killed: boolean }>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true });
      else if (code === 0) resolve({ killed: false });
      else reject(new Error(`child failed (${code}): ${err}`));
    });
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    const text = d.toString();
    if (text.includes('ready')) onReady();
    if (text.includes('started')) setTimeout(() => child.kill('SIGKILL'), killAfter);
  });
  return {
    ready,
    async run(asOf, batchUnits, killAfterMs) {
      await ready;
      killAfter = killAfterMs;
      child.stdin.write(`${asOf} ${batchUnits}\n`);
      return exited;
    },
    kill: () => void child.kill('SIGKILL'),
  };
}

function invoiceCount(dataDir: string): number {
  const db = openDatabase(path.join(dataDir, 'subdesk.sqlite'), { readonly: true });
  try {
    return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM invoices').get()!.n;
  } finally {
    db.close();
  }
}

/** Everything that must hold at any moment, even right after a kill. */
function checkConsistent(db: Db): void {
  const n = (sql: string) => db.prepare<[], { n: number }>(sql).get()!.n;
  expect(n('SELECT COUNT(*) AS n FROM invoices i WHERE NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id)')).toBe(0);
  expect(n('SELECT COUNT(*) AS n FROM invoices i WHERE total <> (SELECT SUM(gross) FROM invoice_lines l WHERE l.invoice_id = i.id)')).toBe(0);
  const rows = db.prepare<[], { number: string; issue_date: string }>('SELECT number, issue_date FROM invoices ORDER BY id').all();
  const gaps = rows.filter((r, i) => r.number !== `INV-2026-${String(i + 1).padStart(5, '0')}`);
  expect(gaps.slice(0, 3)).toEqual([]);
  const backwards = rows.filter((r, i) => i > 0 && r.issue_date < rows[i - 1]!.issue_date);
  expect(backwards.slice(0, 3)).toEqual([]);
  const seq = db.prepare<[], { value: number }>("SELECT value FROM number_sequences WHERE key = 'invoice:INV-2026-{#}'").get();
  expect(seq?.value ?? 0).toBe(rows.length);
}

/** After a complete run as of `asOf`: every period starting on or before it, exactly once. */
function checkExactlyOnce(db: Db, asOf: string): void {
  const billed = new Map<number, string[]>();
  for (const l of db.prepare<[], { subscription_id: number; period_start: string }>("SELECT subscription_id, period_start FROM invoice_lines WHERE kind = 'period' ORDER BY period_start").iterate()) {
    const list = billed.get(l.subscription_id);
    if (list) list.push(l.period_start);
    else billed.set(l.subscription_id, [l.period_start]);
  }
  const wrong: unknown[] = [];
  for (const s of db.prepare<[], { id: number; anchor_date: string }>('SELECT id, anchor_date FROM subscriptions').all()) {
    const expected: string[] = [];
    for (let k = 0; ; k++) {
      const p = nthPeriod({ anchor: s.anchor_date, interval: 'month', count: 1, alignment: 'anniversary' }, k);
      if (p.start > asOf) break;
      expected.push(p.start);
    }
    const got = billed.get(s.id) ?? [];
    if (got.join() !== expected.join()) wrong.push({ id: s.id, expected, got });
  }
  expect(wrong.slice(0, 3)).toEqual([]);
}

describe('crash safety of the billing run', () => {
  it(`survives ${KILLS}+ SIGKILLs at random moments over ${SUBSCRIPTIONS} subscriptions`, async () => {
    const dataDir = ramTempDir('subdesk-crash-');
    const th = await makeHost({ startDate: '2026-01-01', setup: true, dataDir });
    seed(th.host.db);
    th.close();
    let kills = 0;
    let midRun = 0;
    let asOf = '2026-01-01';
    let next = spawnChild(dataDir);
    try {
      for (let cycle = 0; kills < KILLS && cycle < 3 * KILLS; cycle++) {
        asOf = addDays(asOf, 2);
        const child = next;
        const before = invoiceCount(dataDir);
        const outcome = await child.run(asOf, [1, 5, 25][cycle % 3]!, Math.floor(Math.random() * 500));
        if (outcome.killed) kills++;
        next = spawnChild(dataDir); // loads while this cycle is checked
        const db = openDatabase(path.join(dataDir, 'subdesk.sqlite'));
        try {
          checkConsistent(db);
          const atKill = invoiceCount(dataDir);
          const env = { db, settings: cachedSettings(createSettingsService({ dataDir, osTimeZone: 'Asia/Shanghai', db })), now: () => new Date(`${asOf}T01:00:00Z`), today: () => asOf };
          const rerun = runBilling(env, 'manual', asOf, () => undefined);
          expect(rerun.errors).toEqual([]);
          checkConsistent(db);
          checkExactlyOnce(db, asOf);
          // Killed after some units committed and before the last: the interesting case.
          if (outcome.killed && atKill > before && invoiceCount(dataDir) > atKill) midRun++;
          expect(runBilling(env, 'manual', asOf, () => undefined).invoicesCreated).toBe(0);
        } finally {
          db.close();
        }
      }
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      expect(midRun).toBeGreaterThanOrEqual(5);
    } finally {
      next.kill();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
