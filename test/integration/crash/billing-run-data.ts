/**
 * The data and checks of the kill suite's `run` scenario: 5,000 monthly subscriptions billed
 * straight over the database, and what must hold after every kill and after a complete rerun.
 */
import path from 'node:path';
import { expect } from 'vitest';
import { addDays } from '../../../shared/dates';
import { nthPeriod } from '../../../electron/billing/periods';
import { openDatabase, type Db } from '../../../electron/db/open';

export const RUN_SUBSCRIPTIONS = 5000;

/** 5,000 monthly subscriptions with anchors spread over January; every 10th member pays for the next two. */
export function seedRunData(db: Db): void {
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
    for (let i = 0; i < RUN_SUBSCRIPTIONS; i++) {
      const isPayer = i % 10 === 0;
      const payerId = !isPayer && i % 10 <= 2 ? payer : null;
      const id = Number(member.run(`M${i}`, payerId, at, at).lastInsertRowid);
      if (isPayer) payer = id;
      const anchor = addDays('2026-01-01', i % 28);
      sub.run(id, plan, 10000 + (i % 7) * 100, anchor, anchor, anchor, at, at);
    }
  })();
}

export function invoiceCount(dataDir: string): number {
  const db = openDatabase(path.join(dataDir, 'subdesk.sqlite'), { readonly: true });
  try {
    return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM invoices').get()!.n;
  } finally {
    db.close();
  }
}

/** Everything that must hold at any moment, even right after a kill. */
export function checkConsistent(db: Db): void {
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
  // The run's report summaries are written by its batches' flushes: no batch marker is ever committed, and
  // the invoiced sums and open balances are those of the committed invoices exactly.
  expect(n('SELECT COUNT(*) AS n FROM report_batch')).toBe(0);
  const all = (sql: string) => db.prepare(sql).all();
  expect(all("SELECT month, measure, amount FROM report_monthly WHERE measure IN ('invoiced_net', 'invoiced_tax') ORDER BY month, measure")).toEqual(
    all(`SELECT substr(issue_date, 1, 7) AS month, 'invoiced_net' AS measure, SUM(subtotal) AS amount FROM invoices WHERE status = 'issued' GROUP BY 1
         UNION ALL SELECT substr(issue_date, 1, 7), 'invoiced_tax', SUM(tax_total) FROM invoices WHERE status = 'issued' GROUP BY 1 ORDER BY 1, 2`),
  );
  expect(all('SELECT invoice_id, balance FROM report_open_invoices ORDER BY invoice_id')).toEqual(
    all(`SELECT i.id AS invoice_id, i.total - COALESCE((SELECT SUM(amount) FROM allocations a WHERE a.invoice_id = i.id), 0) AS balance
           FROM invoices i WHERE i.status = 'issued' AND i.total > COALESCE((SELECT SUM(amount) FROM allocations a WHERE a.invoice_id = i.id), 0) ORDER BY i.id`),
  );
}

/** After a complete run as of `asOf`: every period starting on or before it, exactly once. */
export function checkExactlyOnce(db: Db, asOf: string): void {
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
