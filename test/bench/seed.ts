/**
 * The benchmark's own seeded generator. The demo generator (electron/host/demo) builds a business
 * day by day through the host, which at 10,000–100,000 members takes far longer than a
 * benchmark run may; so one template member, subscription and invoice are made through the
 * host (the real services decide every column), then cloned with direct SQL (seeding only).
 *
 * Every member has an active monthly subscription. With `historyMonths > 0` members joined
 * over that many months, each past month has an invoice with one period line, most of them
 * paid (payment + allocation), a fifth of members left, and the last two months have
 * check-ins. The remaining subscriptions are all due on one day: BENCH_DUE (tomorrow).
 */
import { addDays, addMonthsClamped } from '../../shared/dates';
import { personName, phoneNumber } from '../../electron/host/demo/names';
import { seededRandom } from '../../electron/host/demo/random';
import { searchText } from '../../electron/desk/members/search-text';
import { makeHost } from '../support/host';
import { seedTimetableBookings, seedTimetableShape } from './timetable-seed';

export const BENCH_TODAY = '2026-06-01';
export const BENCH_DUE = addDays(BENCH_TODAY, 1);

export type Size = 'S' | 'M' | 'L';
export const SIZES: Record<Size, { members: number; historyMonths: number }> = {
  S: { members: 1_000, historyMonths: 3 },
  M: { members: 10_000, historyMonths: 36 },
  L: { members: 100_000, historyMonths: 0 },
};

export interface SeedInfo {
  size: Size;
  members: number;
  invoices: number;
  checkins: number;
  /** Class bookings of the timetable (300 sessions a week). */
  classBookings: number;
  generator: 'bench-seed';
  /** Queries the search benchmark uses: names, initials, phone digits, card numbers that exist. */
  samples: { names: string[]; initials: string[]; phones: string[]; cards: string[] };
}

interface Row {
  [k: string]: unknown;
}

export async function seed(size: Size, dataDir: string): Promise<SeedInfo> {
  const { members: n, historyMonths } = SIZES[size];
  const firstDay = addMonthsClamped(BENCH_TODAY, -historyMonths);
  const th = await makeHost({ dataDir, startDate: firstDay, setup: true });
  const host = th.host;
  // The benchmark measures the run that bills every due subscription at once: as if the owner had
  // confirmed it, the catch-up guard's limits are off (a run of 100,000 invoices would wait otherwise).
  await host.invoke('settings.update', { catchUpMaxDays: 3660, catchUpMaxInvoices: 0 });
  const plan = await host.invoke('plans.create', {
    kind: 'recurring',
    name: 'Monthly',
    price: 19_900,
    interval: 'month',
  });
  const first = await host.invoke('members.create', {
    name: '王伟',
    phone: '13800000000',
    cardNo: 'C0000000',
  });
  const made = await host.invoke('subscriptions.create', {
    memberId: first.id,
    planId: plan.id,
    startDate: firstDay,
  });
  const db = host.db;
  const sub = db
    .prepare('SELECT * FROM subscriptions WHERE id = ?')
    .get(made.subscription.id) as Row;
  const inv = db.prepare('SELECT * FROM invoices WHERE id = ?').get(made.invoices[0]!.id) as Row;
  const line = db
    .prepare("SELECT * FROM invoice_lines WHERE invoice_id = ? AND kind = 'period'")
    .get(inv['id']) as Row;
  const staff = db.prepare("SELECT id, name FROM staff WHERE role = 'owner'").get() as {
    id: number;
    name: string;
  };
  // The timetable: its classes through the host; its bookings after the members, below.
  await seedTimetableShape(host);
  th.close();

  // The template member keeps what the host made; the others are cloned from it.
  const raw = (await import('../../electron/db/open')).openDatabase(`${dataDir}/subdesk.sqlite`);
  raw.pragma('synchronous = OFF'); // seeding only: the benchmark reopens with the app's pragmas
  const r = seededRandom(size.charCodeAt(0));
  const now = `${BENCH_TODAY}T01:00:00.000Z`;
  const dueGap = Math.round(
    (Date.parse(inv['due_date'] as string) - Date.parse(inv['issue_date'] as string)) / 86_400_000,
  );
  const subCols = Object.keys(sub).filter((c) => c !== 'id');
  const insMember = raw.prepare(
    'INSERT INTO members (name, phone, card_no, search_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insSub = raw.prepare(
    `INSERT INTO subscriptions (${subCols.join(', ')}) VALUES (${subCols.map((c) => '@' + c).join(', ')})`,
  );
  const insInv = raw.prepare(
    'INSERT INTO invoices (number, payer_id, issue_date, due_date, currency, subtotal, tax_total, total, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insLine = raw.prepare(
    'INSERT INTO invoice_lines (invoice_id, position, kind, description, subscription_id, plan_id, period_start, period_end, amount, tax_rate_bp, net, tax, gross) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insPay = raw.prepare(
    "INSERT INTO payments (payer_id, date, method, amount, staff_id, created_at) VALUES (?, ?, 'cash', ?, ?, ?)",
  );
  const insAlloc = raw.prepare(
    'INSERT INTO allocations (invoice_id, payment_id, amount, date, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insCheckin = raw.prepare(
    'INSERT INTO checkins (member_id, date, at, subscription_id, staff_id, staff_name) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const samples: SeedInfo['samples'] = { names: [], initials: [], phones: [], cards: [] };
  let invoices = 0;
  let checkins = 0;

  const addHistory = (memberId: number, subId: number, start: string, periods: number) => {
    for (let k = 0; k < periods; k++) {
      const ps = addMonthsClamped(start, k);
      const pe = addMonthsClamped(start, k + 1);
      const invId = Number(
        insInv.run(
          `B-${++invoices}`,
          memberId,
          ps,
          addDays(ps, dueGap),
          inv['currency'],
          inv['subtotal'],
          inv['tax_total'],
          inv['total'],
          now,
        ).lastInsertRowid,
      );
      insLine.run(
        invId,
        'period',
        line['description'],
        subId,
        plan.id,
        ps,
        pe,
        line['amount'],
        line['tax_rate_bp'],
        line['net'],
        line['tax'],
        line['gross'],
      );
      if (k < periods - 1 || r.chance(0.85)) {
        const payDate = addDays(ps, r.int(0, dueGap));
        const payId = Number(
          insPay.run(memberId, payDate, inv['total'], staff.id, now).lastInsertRowid,
        );
        insAlloc.run(invId, payId, inv['total'], payDate, now);
      }
    }
  };

  raw.transaction(() => {
    for (let i = 1; i < n; i++) {
      const name = personName(r, 'zh-CN');
      const phone = phoneNumber(r);
      const card = `C${String(i).padStart(7, '0')}`;
      const text = searchText({ name, phone, cardNo: card });
      const memberId = Number(insMember.run(name, phone, card, text, now, now).lastInsertRowid);
      if (i % Math.max(1, Math.floor(n / 50)) === 7) {
        samples.names.push(name);
        samples.initials.push(text.split(' ').find((t) => /^[a-z]{2,3}$/.test(t)) ?? 'zw');
        samples.phones.push(phone.slice(-4));
        samples.cards.push(card);
      }
      // Joined some whole months ago: the next period starts on BENCH_DUE.
      const months = historyMonths === 0 ? 1 : r.int(1, historyMonths);
      const start = addMonthsClamped(BENCH_DUE, -months);
      const left = historyMonths > 0 && months > 2 && r.chance(0.2);
      const billed = left ? r.int(1, months - 1) : months;
      const subRow = {
        ...sub,
        member_id: memberId,
        start_date: start,
        anchor_date: start,
        status: left ? 'ended' : 'active',
        next_bill_date: left ? null : BENCH_DUE,
        wake_date: null, // the first run computes it with the state machine
        end_date: left ? addMonthsClamped(start, billed) : null,
        periods_billed: billed,
        created_at: now,
        updated_at: now,
      };
      delete (subRow as Row)['id'];
      const subId = Number(insSub.run(subRow).lastInsertRowid);
      // L has no history: one month paid for somewhere else, the second due on BENCH_DUE.
      if (historyMonths > 0) addHistory(memberId, subId, start, billed);
      if (!left && historyMonths > 0) {
        for (let d = 60; d > 0; d -= r.int(3, 9)) {
          const date = addDays(BENCH_TODAY, -d);
          insCheckin.run(memberId, date, `${date}T02:00:00.000Z`, subId, staff.id, staff.name);
          checkins++;
        }
      }
    }
  })();
  // The timetable's bookings, by the members just made (its own random stream).
  const classBookings = seedTimetableBookings(raw, seededRandom(size.charCodeAt(0) + 1000), staff.name);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return { size, members: n, invoices, checkins, classBookings, generator: 'bench-seed', samples };
}
