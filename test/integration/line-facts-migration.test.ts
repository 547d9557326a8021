import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { applyMigrations, loadMigrations } from '../../electron/db/migrate';
import { createHost, type Host } from '../../electron/host/host';
import { getInvoiceDetail } from '../../electron/money/invoices/read';
import { tempDir } from '../support/host';

let host: Host | undefined;
afterEach(() => host?.close());

const AT = '2026-01-05T01:00:00.000Z';

/** A version-8 file with the lines of one January: a household, a stub, a plan change, an add-on, a pack. */
function oldFile(): string {
  const dir = tempDir();
  const db = new Database(path.join(dir, 'subdesk.sqlite'));
  applyMigrations(db, loadMigrations().filter((m) => m.version <= 8));
  const plan = db.prepare(
    `INSERT INTO plans (id, kind, name, price, interval, interval_count, alignment, pack_sessions, pack_valid_days, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '${AT}', '${AT}')`,
  );
  plan.run(1, 'recurring', 'Gym', 30000, 'month', 1, 'anniversary', null, null);
  plan.run(2, 'recurring', 'Calendar', 31000, 'month', 1, 'calendar', null, null);
  plan.run(3, 'recurring', 'Premium', 31000, 'month', 1, 'anniversary', null, null);
  plan.run(4, 'pack', '10 classes', 80000, null, null, null, 10, 90);
  const member = db.prepare(`INSERT INTO members (id, name, payer_id, created_at, updated_at) VALUES (?, ?, ?, '${AT}', '${AT}')`);
  member.run(1, 'Mum', null);
  member.run(2, 'Amy', 1);
  member.run(3, 'Ben', 1);
  member.run(4, 'Cal', null);
  member.run(5, 'Uma', null);
  member.run(6, 'Kit', 1);
  const sub = db.prepare(
    `INSERT INTO subscriptions (id, member_id, plan_id, price, tax_rate_bp, interval, interval_count, alignment, start_date, anchor_date, status,
       next_bill_date, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 'month', 1, ?, '2026-01-05', '2026-01-05', 'active', '2026-02-05', '${AT}', '${AT}')`,
  );
  sub.run(1, 2, 1, 30000, 'anniversary');
  sub.run(2, 3, 1, 30000, 'anniversary');
  sub.run(3, 4, 2, 31000, 'calendar');
  sub.run(4, 5, 3, 31000, 'anniversary'); // moved from Gym to Premium on Jan 20
  db.prepare("UPDATE subscriptions SET discount_kind = 'percent', discount_value = 1000, discount_duration = 'forever' WHERE id = 3").run();
  db.prepare(`INSERT INTO subscription_addons (id, subscription_id, name, price, tax_rate_bp, start_date, created_at) VALUES (1, 1, 'Locker', 6200, 0, '2026-01-20', '${AT}')`).run();
  const invoice = db.prepare(
    `INSERT INTO invoices (id, number, payer_id, issue_date, due_date, currency, subtotal, tax_total, total, created_at)
     VALUES (?, ?, ?, ?, ?, 'CNY', ?, ?, ?, '${AT}')`,
  );
  invoice.run(1, 'INV-1', 1, '2026-01-05', '2026-01-12', 62000, 0, 62000);
  invoice.run(2, 'INV-2', 4, '2026-01-05', '2026-01-12', 24300, 0, 24300);
  invoice.run(3, 'INV-3', 5, '2026-01-05', '2026-01-12', 30000, 1800, 31800);
  invoice.run(4, 'INV-4', 5, '2026-01-20', '2026-01-27', 516, 0, 516);
  invoice.run(5, 'INV-5', 1, '2026-01-20', '2026-01-27', 3200, 0, 3200);
  invoice.run(6, 'INV-6', 1, '2026-01-20', '2026-01-27', 80000, 0, 80000);
  const line = db.prepare(
    `INSERT INTO invoice_lines (invoice_id, position, kind, description, subscription_id, addon_id, plan_id, period_start, period_end, amount, tax_rate_bp, net, tax, gross)
     VALUES (?, ?, ?, 'x', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const untaxed = (inv: number, pos: number, kind: string, sub: number | null, addon: number | null, plan: number | null, s: string | null, e: string | null, amount: number) =>
    line.run(inv, pos, kind, sub, addon, plan, s, e, amount, 0, amount, 0, amount);
  untaxed(1, 1, 'setup_fee', 1, null, 1, null, null, 5000);
  untaxed(1, 2, 'period', 1, null, 1, '2026-01-05', '2026-02-05', 30000);
  untaxed(1, 3, 'period', 2, null, 1, '2026-01-05', '2026-02-05', 30000);
  untaxed(1, 4, 'household_discount', 2, null, 1, '2026-01-05', '2026-02-05', -3000);
  untaxed(2, 1, 'period', 3, null, 2, '2026-01-05', '2026-02-01', 27000);
  untaxed(2, 2, 'discount', 3, null, 2, '2026-01-05', '2026-02-01', -2700); // 10 % off the stub
  line.run(3, 1, 'period', 4, null, 1, '2026-01-05', '2026-02-05', 30000, 600, 30000, 1800, 31800); // tax added on top
  untaxed(4, 1, 'proration_credit', 4, null, 1, '2026-01-20', '2026-02-05', -15484);
  untaxed(4, 2, 'proration_charge', 4, null, 3, '2026-01-20', '2026-02-05', 16000);
  untaxed(5, 1, 'addon', 1, 1, null, '2026-01-20', '2026-02-05', 3200);
  untaxed(6, 1, 'pack', null, null, 4, '2026-01-20', '2026-04-20', 80000);
  db.prepare(`INSERT INTO member_packs (member_id, plan_id, invoice_id, sessions_total, start_date, expires_on, created_at) VALUES (6, 4, 6, 10, '2026-01-20', '2026-04-20', '${AT}')`).run();
  db.close();
  return dir;
}

describe('migration 009 fills the facts of old lines once', () => {
  it('member, list price and days of every kind of old line; the tax mode of every old invoice', async () => {
    host = await createHost({ dataDir: oldFile(), timers: false });
    const lines = host.db
      .prepare('SELECT invoice_id, kind, member_id, list_price, days_used, days_in_period FROM invoice_lines ORDER BY id')
      .raw(true)
      .all();
    expect(lines).toEqual([
      [1, 'setup_fee', 2, null, null, null],
      [1, 'period', 2, 30000, 31, 31],
      [1, 'period', 3, 30000, 31, 31], // the payer's invoice: each line names its child
      [1, 'household_discount', 3, -3000, 31, 31],
      [2, 'period', 4, 31000, 27, 31], // the calendar stub: 27 of January's 31 days of 310.00
      [2, 'discount', 4, -3100, 27, 31], // 10 % off the full month
      [3, 'period', 5, 30000, 31, 31], // on the old plan's schedule
      [4, 'proration_credit', 5, null, 16, 31],
      [4, 'proration_charge', 5, 31000, 16, 31],
      [5, 'addon', 2, 6200, 16, 31],
      [6, 'pack', 6, 80000, 90, 90], // the child the pack was sold to, not the payer
    ]);
    // Taxed on top of the price: exclusive, whatever the setting says now; the rest take the setting (inclusive).
    expect(host.db.prepare('SELECT id, tax_mode FROM invoices ORDER BY id').raw(true).all()).toEqual([
      [1, 'inclusive'], [2, 'inclusive'], [3, 'exclusive'], [4, 'inclusive'], [5, 'inclusive'], [6, 'inclusive'],
    ]);
    const inv1 = getInvoiceDetail(host.db, 1, '2026-01-20'); // what invoices.get answers
    expect(inv1.lines.map((l) => l.memberName)).toEqual(['Amy', 'Amy', 'Ben', 'Ben']);
  });
});
