/**
 * The reports: each one refreshes the summaries (facts.ts), reads them with a few aggregate
 * queries (queries.ts) and does the arithmetic with the pure formulas (metrics.ts, movements.ts).
 * Whole months come from the monthly summaries; a month cut by the range or by today is read
 * from the dated records of those days.
 */
import { addDays, dayOfWeek, daysBetween, todayInZone } from '../../../shared/dates';
import type {
  AgingReport,
  AttendanceReport,
  BreakdownReport,
  CashFlowReport,
  Dashboard,
  ForecastReport,
  MemberAtRisk,
  MrrReport,
  RevenueReport,
  RevenueRow,
  RiskReason,
} from '../../contract/reports';
import type { BillingEnv } from '../../money/invoices/env';
import { taxMode } from '../../money/invoices/issue';
import { createFacts } from './facts';
import { projectBilling } from './forecast';
import {
  agingTable,
  applyChurn,
  cashFlow,
  firstDayOf,
  lastDayOf,
  monthlyBuckets,
  monthOf,
  pooledChurnBp,
  prevMonth,
  type Bucket,
} from './metrics';
import { mrrReport } from './movements';
import type { Segment } from './mrr';
import { createQueries, type MonthlyRow } from './queries';

/** Money of one bucket, from the monthly summaries or from the records of its days. */
interface BucketMoney {
  invoicedNet: number;
  invoicedTax: number;
  credited: number;
  /** The credit notes' tax (their net is `credited`). */
  creditedTax: number;
  recognised: Map<string, number>;
  paid: Map<string, number>;
  refunded: Map<string, number>;
}

const sumOf = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);
const isWholeMonth = (b: Bucket) => b.start === firstDayOf(b.month) && b.end === lastDayOf(b.month);

export function createReportsService(env: BillingEnv) {
  const { db } = env;
  const facts = createFacts(db, { taxMode: () => (env.settings.get().pricesIncludeTax ? 'inclusive' : 'exclusive') });
  const q = createQueries(db);
  const maxAudit = db.prepare<[], { m: number | null }>('SELECT MAX(id) AS m FROM audit_log');
  let forecastCache: { key: string; value: ForecastReport } | null = null;
  // A report reads the same part month twice (the bucket, then the deferred balance at its end);
  // each report starts afresh (bucketsOf clears it).
  let recent: { key: string; value: BucketMoney } | null = null;

  /** The range's buckets, the end clipped to today (nothing has happened after it). */
  function bucketsOf(from: string, to: string): { buckets: Bucket[]; to: string } {
    recent = null;
    const today = env.today();
    const end = to > today ? today : to;
    return { buckets: monthlyBuckets(from, end), to: end };
  }

  function monthlyIndex(rows: MonthlyRow[]): Map<string, MonthlyRow[]> {
    const byMonth = new Map<string, MonthlyRow[]>();
    for (const r of rows) {
      const list = byMonth.get(r.month);
      if (list) list.push(r);
      else byMonth.set(r.month, [r]);
    }
    return byMonth;
  }

  function moneyFromSummary(rows: MonthlyRow[] | undefined): BucketMoney {
    const m: BucketMoney = { invoicedNet: 0, invoicedTax: 0, credited: 0, creditedTax: 0, recognised: new Map(), paid: new Map(), refunded: new Map() };
    for (const r of rows ?? []) {
      if (r.measure === 'invoiced_net') m.invoicedNet += r.amount;
      else if (r.measure === 'invoiced_tax') m.invoicedTax += r.amount;
      else if (r.measure === 'credited_net') m.credited += r.amount;
      else if (r.measure === 'credited_tax') m.creditedTax += r.amount;
      else if (r.measure === 'recognised' || r.measure === 'paid' || r.measure === 'refunded') {
        const map = m[r.measure === 'recognised' ? 'recognised' : r.measure];
        map.set(r.key, (map.get(r.key) ?? 0) + r.amount);
      }
    }
    return m;
  }

  function moneyFromRecords(from: string, to: string): BucketMoney {
    const key = `${from}|${to}`;
    if (recent?.key === key) return recent.value;
    const value = readMoney(from, to);
    recent = { key, value };
    return value;
  }

  function readMoney(from: string, to: string): BucketMoney {
    const inv = q.invoicedBetween(from, to);
    const toMap = (rows: { key: string; amount: number }[]) => new Map(rows.map((r) => [r.key, r.amount]));
    return {
      invoicedNet: inv.net,
      invoicedTax: inv.tax,
      credited: q.creditedBetween(from, to),
      creditedTax: q.creditedTaxBetween(from, to),
      recognised: q.recognisedBetween(from, to),
      paid: toMap(q.paidBetween(from, to)),
      refunded: toMap(q.refundedBetween(from, to)),
    };
  }

  function bucketMoney(b: Bucket, byMonth: Map<string, MonthlyRow[]>): BucketMoney {
    return isWholeMonth(b) ? moneyFromSummary(byMonth.get(b.month)) : moneyFromRecords(b.start, b.end);
  }

  /** Invoiced (less credits) not yet recognised at the end of `day`. */
  function deferredAt(day: string, byMonth: Map<string, MonthlyRow[]>): number {
    const month = monthOf(day);
    let deferred = 0;
    for (const [m, rows] of byMonth) {
      if (m >= month) continue;
      const x = moneyFromSummary(rows);
      deferred += x.invoicedNet - x.credited - sumOf(x.recognised);
    }
    const x = day === lastDayOf(month) ? moneyFromSummary(byMonth.get(month)) : moneyFromRecords(firstDayOf(month), day);
    return deferred + x.invoicedNet - x.credited - sumOf(x.recognised);
  }

  // Every member's spans, as read after the last refresh that rewrote any: only the refresh writes
  // report_mrr_spans, so they stay valid until a refresh says it changed them.
  let spans: Segment[][] | null = null;

  function refreshFacts(): void {
    if (facts.refresh()) spans = null;
  }

  function spansByMember(): Segment[][] {
    return (spans ??= readSpans());
  }

  function readSpans(): Segment[][] {
    const out: Segment[][] = [];
    let current = -1;
    for (const [member, start, end, mrr, list, paused] of q.spans()) {
      if (member !== current) {
        out.push([]);
        current = member;
      }
      out[out.length - 1]!.push({ start, end, mrr, list, paused });
    }
    return out;
  }

  function mrr(from: string, to: string): MrrReport {
    refreshFacts();
    const r = bucketsOf(from, to);
    return mrrReport(spansByMember(), r.buckets, from, r.to);
  }

  function revenue(from: string, to: string): RevenueReport {
    refreshFacts();
    const r = bucketsOf(from, to);
    const byMonth = monthlyIndex(q.monthly(monthOf(r.to)));
    const rows: RevenueRow[] = r.buckets.map((b) => {
      const m = bucketMoney(b, byMonth);
      const recognised = sumOf(m.recognised);
      const bonusUsed = q.bonusBetween(b.start, b.end);
      const collected = sumOf(m.paid);
      const refunded = sumOf(m.refunded);
      return {
        ...b,
        invoiced: m.invoicedNet - m.credited,
        credited: m.credited,
        // Tax invoiced less tax given back by credit notes, as the invoiced column nets their amounts.
        tax: m.invoicedTax - m.creditedTax,
        recognised,
        bonusUsed,
        netRevenue: recognised - bonusUsed,
        deferredEnd: deferredAt(b.end, byMonth),
        collected,
        refunded,
        netCollected: collected - refunded,
      };
    });
    const sum = (f: (x: RevenueRow) => number) => rows.reduce((s, x) => s + f(x), 0);
    const deferredStart = r.buckets.length ? deferredAt(addDays(r.buckets[0]!.start, -1), byMonth) : 0;
    return {
      from,
      to: r.to,
      rows,
      totals: {
        invoiced: sum((x) => x.invoiced),
        credited: sum((x) => x.credited),
        tax: sum((x) => x.tax),
        recognised: sum((x) => x.recognised),
        bonusUsed: sum((x) => x.bonusUsed),
        netRevenue: sum((x) => x.netRevenue),
        collected: sum((x) => x.collected),
        refunded: sum((x) => x.refunded),
        netCollected: sum((x) => x.netCollected),
        deferredStart,
        deferredEnd: rows.length ? rows[rows.length - 1]!.deferredEnd : deferredStart,
      },
    };
  }

  function cashflow(from: string, to: string): CashFlowReport {
    const r = bucketsOf(from, to);
    const byMonth = monthlyIndex(q.monthly(monthOf(r.to)));
    const expenses = r.buckets.length ? q.expensesByMonth(r.buckets[0]!.start, r.to) : [];
    const spent = new Map<string, number>();
    const byCategory = new Map<number, number>();
    for (const e of expenses) {
      spent.set(e.month, (spent.get(e.month) ?? 0) + e.amount);
      byCategory.set(e.category_id, (byCategory.get(e.category_id) ?? 0) + e.amount);
    }
    const rows = cashFlow(
      r.buckets.map((b) => {
        const m = isWholeMonth(b) ? moneyFromSummary(byMonth.get(b.month)) : moneyFromRecords(b.start, b.end);
        return { month: b.month, collected: sumOf(m.paid), refunded: sumOf(m.refunded), expenses: spent.get(b.month) ?? 0 };
      }),
    ).map((row, i) => ({ ...r.buckets[i]!, ...row }));
    const sum = (f: (x: (typeof rows)[number]) => number) => rows.reduce((s, x) => s + f(x), 0);
    return {
      from,
      to: r.to,
      rows,
      totals: { collected: sum((x) => x.collected), refunded: sum((x) => x.refunded), expenses: sum((x) => x.expenses), net: sum((x) => x.net) },
      expensesByCategory: q
        .categories()
        .filter((c) => byCategory.has(c.id))
        .map((c) => ({ categoryId: c.id, nameEn: c.name_en, nameZh: c.name_zh, amount: byCategory.get(c.id)! })),
    };
  }

  function breakdown(from: string, to: string, by: 'plan' | 'method'): BreakdownReport {
    if (by === 'plan') refreshFacts();
    const r = bucketsOf(from, to);
    const byMonth = monthlyIndex(q.monthly(monthOf(r.to)));
    const rows = r.buckets.map((b) => {
      const m = bucketMoney(b, byMonth);
      const values: Record<string, number> = {};
      if (by === 'plan') for (const [k, v] of m.recognised) values[k] = v;
      else {
        for (const [k, v] of m.paid) values[k] = (values[k] ?? 0) + v;
        for (const [k, v] of m.refunded) values[k] = (values[k] ?? 0) - v;
      }
      for (const k of Object.keys(values)) if (values[k] === 0) delete values[k];
      return { ...b, values, total: Object.values(values).reduce((s, v) => s + v, 0) };
    });
    const totals: Record<string, number> = {};
    for (const row of rows) for (const [k, v] of Object.entries(row.values)) totals[k] = (totals[k] ?? 0) + v;
    return { from, to: r.to, by, keys: breakdownKeys(by, Object.keys(totals)), rows, totals: { values: totals, total: Object.values(totals).reduce((s, v) => s + v, 0) } };
  }

  /** The keys in a stable order: plans by name then add-ons, late fees, other; methods in their list order. */
  function breakdownKeys(by: 'plan' | 'method', used: string[]): BreakdownReport['keys'] {
    const set = new Set(used);
    if (by === 'method') {
      const known = q.methods().map((m) => ({ key: m.code, name: m.builtin ? '' : m.name }));
      const listed = known.filter((k) => set.has(k.key));
      const unknown = used.filter((k) => !known.some((m) => m.key === k)).map((key) => ({ key, name: key }));
      return [...listed, ...unknown];
    }
    const plans = q
      .plans()
      .filter((p) => set.has(`plan:${p.id}`))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)
      .map((p) => ({ key: `plan:${p.id}`, name: p.name }));
    return [...plans, ...['addons', 'late_fees', 'other'].filter((k) => set.has(k)).map((key) => ({ key, name: '' }))];
  }

  function attendance(from: string, to: string): AttendanceReport {
    const r = bucketsOf(from, to);
    const zone = env.settings.get().timeZone;
    const offsets = new Map<string, number>();
    const byWeekday = Array<number>(7).fill(0);
    const byHour = Array<number>(24).fill(0);
    const grid = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
    const perMonth = new Map<string, number>();
    let total = 0;
    for (const row of r.buckets.length ? q.checkinHours(r.buckets[0]!.start, r.to) : []) {
      let offset = offsets.get(row.date);
      if (offset === undefined) offsets.set(row.date, (offset = zoneOffsetMinutes(row.date, zone)));
      const hour = (((Math.floor((row.utc_hour * 60 + offset) / 60) % 24) + 24) % 24);
      const weekday = (dayOfWeek(row.date) + 6) % 7;
      byWeekday[weekday]! += row.visits;
      byHour[hour]! += row.visits;
      grid[weekday]![hour]! += row.visits;
      perMonth.set(monthOf(row.date), (perMonth.get(monthOf(row.date)) ?? 0) + row.visits);
      total += row.visits;
    }
    return { from, to: r.to, total, byWeekday, byHour, grid, rows: r.buckets.map((b) => ({ ...b, visits: perMonth.get(b.month) ?? 0 })) };
  }

  function aging(): AgingReport {
    const asOf = env.today();
    const open = q.openInvoices();
    const phones = new Map(open.map((o) => [o.payer_id, o.phone]));
    const { rows, totals } = agingTable(
      open.map((o) => ({ payerId: o.payer_id, payerName: o.payer_name, dueDate: o.due_date, balance: o.balance })),
      asOf,
    );
    return { asOf, rows: rows.map((row) => ({ ...row, phone: phones.get(row.payerId) ?? '' })), totals };
  }

  /** The 12-month forecast, projected in memory (forecast.ts), kept until the data or the day changes. */
  function forecast(): ForecastReport {
    const today = env.today();
    const key = `${today}:${maxAudit.get()?.m ?? 0}`;
    if (forecastCache?.key === key) return forecastCache.value;
    refreshFacts();
    const thisMonth = monthOf(today);
    const basisFrom = firstDayOf(prevMonth(prevMonth(prevMonth(thisMonth))));
    const basisTo = lastDayOf(prevMonth(thisMonth));
    const basis = mrrReport(spansByMember(), monthlyBuckets(basisFrom, basisTo), basisFrom, basisTo);
    const lost = basis.rows.reduce((s, r) => s + r.lostFromStart, 0);
    const atStart = basis.rows.reduce((s, r) => s + r.customersStart, 0);
    const churnBp = pooledChurnBp(basis.rows.map((r) => ({ lost: r.lostFromStart, atStart: r.customersStart }))) ?? 0;
    const rows = applyChurn(projectBilling({ db, today, months: 12, mode: taxMode(env), householdBp: env.settings.get().householdDiscountBp }), churnBp).map((m) => ({ month: m.month, invoices: m.invoices, total: m.total, withChurn: m.withChurn }));
    const value: ForecastReport = {
      rows,
      totals: {
        invoices: rows.reduce((s, r) => s + r.invoices, 0),
        total: rows.reduce((s, r) => s + r.total, 0),
        withChurn: rows.reduce((s, r) => s + r.withChurn, 0),
      },
      churnBp,
      churnBasis: { from: basisFrom, to: basisTo, lost, customersAtStart: atStart },
    };
    forecastCache = { key, value };
    return value;
  }

  function dashboard(): Dashboard {
    refreshFacts();
    const today = env.today();
    const monthStartEve = addDays(firstDayOf(monthOf(today)), -1);
    const now = q.mrrOn(today);
    const monthStart = q.mrrOn(monthStartEve);
    const paid = q.paidBetween(today, today);
    const refunded = new Map(q.refundedBetween(today, today).map((r) => [r.key, r.amount]));
    const methods = q.methods();
    const moneyToday = methods
      .filter((m) => paid.some((p) => p.key === m.code) || refunded.has(m.code))
      .map((m) => {
        const p = paid.find((x) => x.key === m.code);
        return { method: m.code, name: m.builtin ? '' : m.name, received: p?.amount ?? 0, refunded: refunded.get(m.code) ?? 0, payments: p?.n ?? 0 };
      });
    const overdue = q.overdueByPayer(today);
    const risk = atRisk(today, overdue);
    return {
      today,
      checkinsToday: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM checkins WHERE date = ? AND undone_at IS NULL').get(today)!.n,
      moneyToday,
      moneyTodayTotal: moneyToday.reduce((s, m) => s + m.received - m.refunded, 0),
      overdueTotal: overdue.reduce((s, o) => s + o.overdue, 0),
      overduePayers: overdue.length,
      activeMembers: now.customers,
      payingMembers: now.paying,
      mrr: now.mrr,
      mrrMonthStart: monthStart.mrr,
      mrrChange: now.mrr - monthStart.mrr,
      ...risk,
    };
  }

  /** Members to call: payers with overdue invoices, freezes ending within 7 days, paying members not seen for 30 days. */
  function atRisk(
    today: string,
    overdue: { payer_id: number; payer_name: string; phone: string; overdue: number; oldest: string }[],
  ): Pick<Dashboard, 'atRisk' | 'atRiskCounts'> {
    const byMember = new Map<number, MemberAtRisk>();
    const entry = (memberId: number, name: string, phone: string) => {
      let e = byMember.get(memberId);
      if (!e) byMember.set(memberId, (e = { memberId, name, phone, reasons: [], overdue: 0, daysOverdue: 0, pauseEnds: null, lastVisit: null }));
      return e;
    };
    for (const o of overdue) {
      const e = entry(o.payer_id, o.payer_name, o.phone);
      e.reasons.push('overdue');
      e.overdue = o.overdue;
      e.daysOverdue = daysBetween(o.oldest, today);
    }
    const pauses = db
      .prepare<[string, string], { member_id: number; name: string; phone: string; end_date: string }>(
        `SELECT s.member_id, m.name, m.phone, MIN(p.end_date) AS end_date FROM subscription_pauses p
           JOIN subscriptions s ON s.id = p.subscription_id JOIN members m ON m.id = s.member_id
          WHERE s.status = 'paused' AND p.resumed_on IS NULL AND p.end_date BETWEEN ? AND ? GROUP BY s.member_id`,
      )
      .all(today, addDays(today, 7));
    for (const p of pauses) {
      const e = entry(p.member_id, p.name, p.phone);
      e.reasons.push('pause_ending');
      e.pauseEnds = p.end_date;
    }
    // Paying today, a customer for 30 days or more, and no visit in the last 30 days.
    for (const m of q.notSeen(today, addDays(today, -30))) entry(m.member_id, m.name, m.phone).reasons.push('no_visit');
    const all = [...byMember.values()];
    const counts: Record<RiskReason, number> = { overdue: 0, pause_ending: 0, no_visit: 0 };
    for (const e of all) for (const r of e.reasons) counts[r]++;
    const rank = (e: MemberAtRisk) => (e.reasons.includes('overdue') ? 0 : e.reasons.includes('pause_ending') ? 1 : 2);
    all.sort((a, b) => rank(a) - rank(b) || b.overdue - a.overdue || (a.pauseEnds ?? '').localeCompare(b.pauseEnds ?? '') || a.memberId - b.memberId);
    // The last visit is looked up only for the members shown.
    const shown = all.slice(0, 100);
    for (const e of shown) e.lastVisit = q.lastVisit(e.memberId);
    return { atRisk: shown, atRiskCounts: counts };
  }

  return { mrr, revenue, cashflow, breakdown, attendance, aging, forecast, dashboard, refresh: refreshFacts };
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes the business zone is ahead of UTC on a date (at noon UTC). */
function zoneOffsetMinutes(date: string, timeZone: string): number {
  let format = hourFormats.get(timeZone);
  if (!format) hourFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  const instant = new Date(`${date}T12:00:00Z`);
  const [h, m] = format.format(instant).split(':').map(Number);
  return daysBetween(date, todayInZone(instant, timeZone)) * 1440 + h! * 60 + m! - 720;
}

export type ReportsService = ReturnType<typeof createReportsService>;
