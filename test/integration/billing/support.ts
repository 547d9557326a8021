/**
 * Kill Bill-style scenario helpers: a host on a fixed clock, compact views of every invoice
 * and credit note (so a test states them all, exactly), and the clock moves.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Input } from '../../../electron/contract';
import type { Settings } from '../../../electron/contract/settings';
import { applyCredit } from '../../../electron/money/ledger/ledger';
import { makeHost, tempDir, type TestHost } from '../../support/host';
import { runBilling, type BatchLimits } from '../../../electron/money/billing-run/run';
import { createAuditLog } from '../../../electron/ops/audit/audit';
import type { AuditFn, BillingEnv } from '../../../electron/money/invoices/env';
import type { Db } from '../../../electron/db/open';
import { cachedSettings } from '../../support/cached-settings';

export interface Billing {
  th: TestHost;
  /** Creates a member (optionally paid for by `payerId`); returns the id. */
  member(name: string, payerId?: number): Promise<number>;
  plan(p: Partial<Input<'plans.create'>> & { name: string; price: number }): Promise<number>;
  subscribe(memberId: number, planId: number, extra?: Partial<Input<'subscriptions.create'>>): Promise<number>;
  /** Moves the clock to `date` (09:00 Shanghai) and runs billing; returns the run. */
  runOn(date: string): ReturnType<TestHost['host']['invoke']>;
  /** Moves day by day to `date`, running billing each day (as the midnight job would). */
  dailyTo(date: string): Promise<void>;
  /** Every invoice in number order, one compact line per invoice line. */
  invoices(): Promise<InvoiceView[]>;
  creditNotes(): CreditNoteView[];
  /** A payment recorded through the ledger (the payment screens are another area). */
  pay(payerId: number, amount: number, date?: string): void;
  balance(payerId: number): ReturnType<TestHost['host']['invoke']>;
  close(): void;
}

export interface InvoiceView {
  number: string;
  payer: number;
  issued: string;
  due: string;
  total: number;
  status: string;
  /** `kind start/end amount = net + tax` (description after a '|') */
  lines: string[];
}

export interface CreditNoteView {
  number: string;
  payer: number;
  issued: string;
  invoice: string | null;
  settlement: string;
  total: number;
  lines: string[];
}

const span = (s: string | null, e: string | null) => (s === null ? '-' : `${s}/${e ?? ''}`);

/** Catch-up limits wide enough for tests of the engine over long gaps, and no dry-run count (the guard has its own tests). */
export const WIDE_CATCH_UP = { catchUpMaxDays: 3660, catchUpMaxInvoices: 0 };

export async function billing(startDate: string, settings: Partial<Settings> = {}): Promise<Billing> {
  const th = await makeHost({ startDate, setup: true });
  // The scenarios test the engine over long gaps: the clock-jump guard is tested on its own (clock-jump.test.ts).
  await th.host.invoke('settings.update', { ...WIDE_CATCH_UP, ...settings });
  const h = () => th.host;
  const b: Billing = {
    th,
    async member(name, payerId) {
      return (await h().invoke('members.create', { name, payerId: payerId ?? null })).id;
    },
    async plan(p) {
      return (await h().invoke('plans.create', { kind: 'recurring', interval: 'month', taxRateBp: 0, ...p } as Input<'plans.create'>)).id;
    },
    async subscribe(memberId, planId, extra = {}) {
      return (await h().invoke('subscriptions.create', { memberId, planId, ...extra })).subscription.id;
    },
    async runOn(date) {
      th.clock.setDate(date);
      return h().invoke('billing.run', {});
    },
    async dailyTo(date) {
      const today = async () => (await h().invoke('system.info', {})).today;
      while ((await today()) < date) {
        th.clock.addDays(1);
        await h().invoke('billing.run', {});
      }
    },
    async invoices() {
      const { rows } = await h().invoke('invoices.list', { limit: 10_000 });
      const details = await Promise.all(rows.map((r) => h().invoke('invoices.get', { id: r.id })));
      return details
        .sort((a, c) => a.id - c.id)
        .map((d) => ({
          number: d.number,
          payer: d.payerId,
          issued: d.issueDate,
          due: d.dueDate,
          total: d.total,
          status: d.status,
          lines: d.lines.map((l) => `${l.kind} ${span(l.periodStart, l.periodEnd)} ${l.amount} = ${l.net} + ${l.tax} | ${l.description}`),
        }));
    },
    creditNotes() {
      const rows = th.host.db
        .prepare<[], { id: number }>('SELECT id FROM credit_notes ORDER BY id')
        .all();
      return rows.map(({ id }) => {
        const c = th.host.db.prepare<[number], { number: string; payer_id: number; issue_date: string; invoice_id: number | null; settlement: string; total: number }>('SELECT * FROM credit_notes WHERE id = ?').get(id)!;
        const inv = c.invoice_id === null ? null : th.host.db.prepare<[number], { number: string }>('SELECT number FROM invoices WHERE id = ?').get(c.invoice_id)!.number;
        const lines = th.host.db
          .prepare<[number], { period_start: string | null; period_end: string | null; net: number; tax: number; description: string }>('SELECT * FROM credit_note_lines WHERE credit_note_id = ? ORDER BY position')
          .all(id)
          .map((l) => `${span(l.period_start, l.period_end)} ${l.net} + ${l.tax} | ${l.description}`);
        return { number: c.number, payer: c.payer_id, issued: c.issue_date, invoice: inv, settlement: c.settlement, total: c.total, lines };
      });
    },
    pay(payerId, amount, date) {
      const d = date ?? th.host.db.prepare<[], { d: string }>("SELECT MAX(issue_date) AS d FROM invoices").get()!.d;
      // Money in without the desk's checks (the billing scenarios test the engine, not the till).
      const at = new Date().toISOString();
      th.host.db.transaction(() => {
        th.host.db
          .prepare("INSERT INTO payments (payer_id, date, method, amount, reference, note, staff_id, created_at) VALUES (?, ?, 'cash', ?, '', '', NULL, ?)")
          .run(payerId, d, amount, at);
        applyCredit(th.host.db, payerId, d, at);
      })();
    },
    balance(payerId) {
      return h().invoke('members.balance', { payerId });
    },
    close() {
      th.close();
    },
  };
  return b;
}

/** Runs billing again and returns how many invoices and credit notes exist before and after (must be equal). */
export async function billingAgainCreatesNothing(b: Billing): Promise<{ before: number[]; after: number[] }> {
  const count = () => {
    const db = b.th.host.db;
    const n = (sql: string) => db.prepare<[], { n: number }>(sql).get()!.n;
    return [n('SELECT COUNT(*) AS n FROM invoices'), n('SELECT COUNT(*) AS n FROM invoice_lines'), n('SELECT COUNT(*) AS n FROM credit_notes')];
  };
  const before = count();
  await b.th.host.invoke('billing.run', {});
  await b.th.host.invoke('billing.run', {});
  return { before, after: count() };
}

/**
 * A temp folder in RAM when the machine has one (as every test's, test/support/host.ts `tempDir`):
 * tests that bill thousands of units measure the engine, not the disk's fsync.
 */
export function ramTempDir(prefix = 'subdesk-billing-'): string {
  return tempDir(prefix);
}

/** Puts `subId`'s period [start, end) on invoice 1 (a planted line), so the unit that bills it fails on the once-per-period rule. */
export function plantBilledPeriod(db: Db, subId: number, start: string, end: string): void {
  db.prepare(
    `INSERT INTO invoice_lines (invoice_id, position, kind, description, subscription_id, period_start, period_end, amount, tax_rate_bp, net, tax, gross)
     VALUES (1, 99, 'period', 'planted', ?, ?, ?, 0, 0, 0, 0, 0)`,
  ).run(subId, start, end);
}

/**
 * The batch tests' business on 2026-01-05: A, B and C paying for themselves, a household (Head and
 * Kid), Credit, whose payment of `credit` leaves money on account, `between` (members the caller adds
 * there), then Bad, whose February period is already on an invoice (planted), so Bad's unit fails mid-batch,
 * and D and E. Returns the closed folder, Bad's subscription and member, and what `between` returned.
 */
export async function batchBusiness<T>(
  credit: number,
  between: (b: Billing, plans: { gym: number; swim: number }) => Promise<T>,
): Promise<{ dataDir: string; bad: number; badMember: number; extra: T }> {
  const b = await billing('2026-01-05');
  const gym = await b.plan({ name: 'Gym', price: 30000 });
  const swim = await b.plan({ name: 'Swim', price: 12000, taxRateBp: 600 });
  for (const name of ['A', 'B', 'C']) await b.subscribe(await b.member(name), gym);
  const head = await b.member('Head');
  await b.subscribe(head, gym);
  await b.subscribe(await b.member('Kid', head), swim);
  const payer = await b.member('Credit');
  await b.subscribe(payer, swim);
  b.pay(payer, credit, '2026-01-05');
  const extra = await between(b, { gym, swim });
  const badMember = await b.member('Bad');
  const bad = await b.subscribe(badMember, gym);
  plantBilledPeriod(b.th.host.db, bad, '2026-02-05', '2026-03-05');
  for (const name of ['D', 'E']) await b.subscribe(await b.member(name), swim);
  const dataDir = b.th.dataDir;
  b.close();
  return { dataDir, bad, badMember, extra };
}

/**
 * A copy of a closed business folder (without its backups, in `dirs` for the caller to remove), opened on
 * `startDate`; `before` runs on its database first. Then runBilling straight on it as of `asOf` in batches of
 * `limits`, as the system: the run and the host.
 */
export async function billedCopy(
  from: string,
  dirs: string[],
  dates: { startDate: string; asOf: string },
  limits: BatchLimits,
  before: (db: Db) => void = () => undefined,
): Promise<{ th: TestHost; run: ReturnType<typeof runBilling> }> {
  const dataDir = ramTempDir('subdesk-billed-copy-');
  dirs.push(dataDir);
  fs.cpSync(from, dataDir, { recursive: true });
  for (const f of fs.readdirSync(dataDir)) if (f.startsWith('backup')) fs.rmSync(path.join(dataDir, f), { recursive: true, force: true });
  const th = await makeHost({ dataDir, startDate: dates.startDate, signIn: false });
  before(th.host.db);
  th.clock.setDate(dates.asOf);
  const env: BillingEnv = { db: th.host.db, settings: cachedSettings(th.host.settings), now: th.clock.now, today: () => dates.asOf };
  const log = createAuditLog(th.host.db);
  const audit: AuditFn = (entity, entityId, before, after) =>
    log.record({ at: th.clock.now().toISOString(), staffId: null, staffName: 'system', channel: 'billing.run', entity, entityId: String(entityId), before, after });
  try {
    return { th, run: runBilling(env, 'manual', dates.asOf, audit, limits) };
  } catch (e) {
    th.close();
    throw e;
  }
}
