import { describe, expect, it } from 'vitest';
import { memberSpans, OPEN_END, servedEnds, spanValueAt, subscriptionSegments, type LineFact, type PlanTerms, type SubscriptionFacts } from '../../../electron/books/reports/mrr';
import { mrrReport, valuesOn } from '../../../electron/books/reports/movements';
import { monthlyBuckets } from '../../../electron/books/reports/metrics';

const monthly: PlanTerms = { id: 1, price: 29900, interval: 'month', count: 1, alignment: 'anniversary' };
const plans = new Map<number, PlanTerms>([
  [1, monthly],
  [2, { id: 2, price: 29900, interval: 'month', count: 1, alignment: 'calendar' }],
  [3, { id: 3, price: 299900, interval: 'year', count: 1, alignment: 'anniversary' }],
  [4, { id: 4, price: 49900, interval: 'month', count: 1, alignment: 'anniversary' }],
]);

/** A span of a subscription or member: frozen ones have MRR 0 and count one frozen subscription. */
const seg = (start: string, end: string, mrr: number, list = mrr, paused = 0) => ({ start, end, mrr, list, paused });
const frozen = (start: string, end: string) => seg(start, end, 0, 0, 1);

let nextId = 1;
function line(kind: LineFact['kind'], start: string, end: string, amount: number, extra: Partial<LineFact> = {}): LineFact {
  return {
    id: nextId++, invoiceId: nextId, kind, planId: 1, addonId: null, start, end, amount, net: amount, taxRateBp: 0,
    listPrice: amount, daysUsed: null, daysInPeriod: null, taxMode: 'exclusive', ...extra,
  };
}

function sub(lines: LineFact[], extra: Partial<SubscriptionFacts> = {}): SubscriptionFacts {
  return {
    id: 1,
    memberId: 1,
    planId: 1,
    interval: 'month',
    count: 1,
    endDate: null,
    pauses: [],
    addons: [],
    lines,
    ...extra,
  };
}

describe('freezes that move the dates on (extend mode, 顺延)', () => {
  it('a 10-day freeze inside a month keeps the member a customer over the 10 moved days, at the month’s price', () => {
    const first = line('period', '2026-01-05', '2026-02-05', 29900);
    const next = line('period', '2026-02-15', '2026-03-15', 29900);
    const s = sub([first, next], { pauses: [{ start: '2026-01-20', end: '2026-01-30', mode: 'extend' }] });
    expect(servedEnds(s)).toEqual(new Map([[first.id, '2026-02-15']]));
    expect(memberSpans([subscriptionSegments(s, plans)])).toEqual([
      seg('2026-01-05', '2026-01-20', 29900),
      frozen('2026-01-20', '2026-01-30'),
      seg('2026-01-30', '2026-03-15', 29900),
    ]);
  });

  it('a credit-mode freeze moves nothing: the days after the cut line are not a customer’s until billed', () => {
    const first = line('period', '2026-01-05', '2026-01-20', 14468, { listPrice: 29900, daysUsed: 15, daysInPeriod: 31 });
    const s = sub([first], { pauses: [{ start: '2026-01-20', end: '2026-01-30', mode: 'credit' }] });
    expect(servedEnds(s).size).toBe(0);
    expect(memberSpans([subscriptionSegments(s, plans)])).toEqual([seg('2026-01-05', '2026-01-20', 29900), frozen('2026-01-20', '2026-01-30')]);
  });

  it('two freezes in one period add up; a freeze in the moved days moves them again; a freeze before a line moves nothing', () => {
    const a = line('period', '2026-01-05', '2026-02-05', 29900);
    const b = line('period', '2026-02-20', '2026-03-20', 29900);
    const pauses = [
      { start: '2026-01-10', end: '2026-01-15', mode: 'extend' as const }, // 5 days: to 02-10
      { start: '2026-01-25', end: '2026-01-28', mode: 'extend' as const }, // 3 more: to 02-13
      { start: '2026-02-12', end: '2026-02-19', mode: 'extend' as const }, // in the moved days, 7 more: to 02-20
    ];
    expect(servedEnds(sub([a, b], { pauses }))).toEqual(new Map([[a.id, '2026-02-20']]));
  });

  it('an open-ended freeze moves the end until further notice', () => {
    const a = line('period', '2026-01-05', '2026-02-05', 29900);
    expect(servedEnds(sub([a], { pauses: [{ start: '2026-01-20', end: null, mode: 'extend' }] }))).toEqual(new Map([[a.id, OPEN_END]]));
  });
});

describe('a subscription’s MRR from its invoice lines', () => {
  it('counts full periods at their price, nothing before the first or after the last', () => {
    const s = sub([line('period', '2026-01-15', '2026-02-15', 29900), line('period', '2026-02-15', '2026-03-15', 29900)]);
    expect(subscriptionSegments(s, plans)).toEqual([
      seg('2026-01-15', '2026-02-15', 29900),
      seg('2026-02-15', '2026-03-15', 29900),
    ]);
  });

  it('counts a calendar stub at the full monthly price it was prorated from', () => {
    // Mar 10 – Apr 1 of a calendar month plan: 22/31 × 299.00 = 212.19.
    const s = sub([line('period', '2026-03-10', '2026-04-01', 21219, { planId: 2, listPrice: 29900, daysUsed: 22, daysInPeriod: 31 })], { planId: 2 });
    expect(subscriptionSegments(s, plans)).toEqual([seg('2026-03-10', '2026-04-01', 29900)]);
  });

  it('counts a stub at the list price its line carries, not at the plan’s price', () => {
    // A negotiated 250.00 no longer on the subscription: 22/31 × 250 = 177.42, carried with its list price 250.00.
    const s = sub([line('period', '2026-03-10', '2026-04-01', 17742, { planId: 2, listPrice: 25000, daysUsed: 22, daysInPeriod: 31 })], { planId: 2 });
    expect(subscriptionSegments(s, plans)[0]!.mrr).toBe(25000);
  });

  it('applies a fixed discount to the full price, not to the stub', () => {
    // 50.00 off forever: on the stub the engine takes the whole 50.00; the full month is 299 − 50.
    const inv = 99;
    const s = sub(
      [
        line('period', '2026-03-10', '2026-04-01', 21219, { planId: 2, invoiceId: inv, listPrice: 29900, daysUsed: 22, daysInPeriod: 31 }),
        line('discount', '2026-03-10', '2026-04-01', -5000, { planId: 2, invoiceId: inv, listPrice: -5000, daysUsed: 22, daysInPeriod: 31 }),
      ],
      { planId: 2 },
    );
    expect(subscriptionSegments(s, plans)[0]).toMatchObject({ mrr: 24900, list: 29900 });
  });

  it('counts a percent discount and a household discount on a full period as invoiced', () => {
    const inv = 98;
    const s = sub([
      line('period', '2026-01-05', '2026-02-05', 29900, { invoiceId: inv }),
      line('discount', '2026-01-05', '2026-02-05', -2990, { invoiceId: inv }),
      line('household_discount', '2026-01-05', '2026-02-05', -1346, { invoiceId: inv }),
    ]);
    expect(subscriptionSegments(s, plans)[0]).toMatchObject({ mrr: 29900 - 2990 - 1346, list: 29900 });
  });

  it('leaves tax out when prices include it', () => {
    // 318.00 including 6 %: net 300.00.
    const s = sub([line('period', '2026-01-05', '2026-02-05', 31800, { net: 30000, taxRateBp: 600, taxMode: 'inclusive' })]);
    expect(subscriptionSegments(s, plans)[0]!.mrr).toBe(30000);
  });

  it('normalises a yearly price to a month', () => {
    const s = sub([line('period', '2026-01-05', '2027-01-05', 299900, { planId: 3 })], { planId: 3, interval: 'year' });
    // 2,999.00 / 12 = 249.92
    expect(subscriptionSegments(s, plans)).toEqual([seg('2026-01-05', '2027-01-05', 24992)]);
  });

  it('takes a plan change from the day of its charge, at the new full price', () => {
    // Upgrade to 499.00 on Jan 20 inside Jan 5 – Feb 5: charge 16/31 × 499 = 257.55.
    const s = sub(
      // (The credit for the old plan's unused days is not read: the newer charge takes over.)
      [line('period', '2026-01-05', '2026-02-05', 29900), line('proration_charge', '2026-01-20', '2026-02-05', 25755, { planId: 4, listPrice: 49900, daysUsed: 16, daysInPeriod: 31 })],
      { planId: 4 },
    );
    expect(subscriptionSegments(s, plans)).toEqual([
      seg('2026-01-05', '2026-01-20', 29900),
      seg('2026-01-20', '2026-02-05', 49900),
    ]);
  });

  it('keeps a frozen member as a customer at 0 and stops at the end date', () => {
    // Mar 1 – Mar 5, cut by the end date: 4 days of a 28-day period, 42.71 of 299.00.
    const s = sub([line('period', '2026-01-05', '2026-02-05', 29900), line('period', '2026-03-01', '2026-03-05', 4271, { listPrice: 29900, daysUsed: 4, daysInPeriod: 28 })], {
      pauses: [{ start: '2026-02-05', end: '2026-03-01' }],
      endDate: '2026-03-05',
    });
    expect(subscriptionSegments(s, plans)).toEqual([
      seg('2026-01-05', '2026-02-05', 29900),
      frozen('2026-02-05', '2026-03-01'),
      seg('2026-03-01', '2026-03-05', 29900),
    ]);
  });

  it('keeps an open-ended freeze open', () => {
    const s = sub([line('period', '2026-01-05', '2026-02-05', 29900)], { pauses: [{ start: '2026-01-20', end: null }] });
    expect(subscriptionSegments(s, plans)).toEqual([
      seg('2026-01-05', '2026-01-20', 29900),
      frozen('2026-01-20', '2026-02-05'),
      frozen('2026-02-05', OPEN_END),
    ]);
  });

  it('adds an add-on at its own price while it runs', () => {
    const s = sub([line('period', '2026-01-05', '2026-02-05', 29900), line('addon', '2026-01-12', '2026-02-05', 2323, { addonId: 7, planId: null, listPrice: 3000, daysUsed: 24, daysInPeriod: 31 })], {
      addons: [{ id: 7, price: 3000, start: '2026-01-12', end: null }],
    });
    expect(subscriptionSegments(s, plans)).toEqual([
      seg('2026-01-05', '2026-01-12', 29900),
      seg('2026-01-12', '2026-02-05', 32900),
    ]);
  });
});

describe('a member’s spans', () => {
  it('sum their subscriptions and join equal neighbours', () => {
    const a = [
      seg('2026-01-05', '2026-02-05', 29900),
      seg('2026-02-05', '2026-03-05', 29900),
    ];
    const b = [seg('2026-02-10', '2026-03-10', 10000)];
    expect(memberSpans([a, b])).toEqual([
      seg('2026-01-05', '2026-02-10', 29900),
      seg('2026-02-10', '2026-03-05', 39900),
      seg('2026-03-05', '2026-03-10', 10000),
    ]);
    expect(spanValueAt(memberSpans([a, b]), '2026-03-09')).toBe(10000);
    expect(spanValueAt(memberSpans([a, b]), '2026-03-10')).toBeNull();
  });

  it('give values on given days and the monthly movements', () => {
    const ann = [
      seg('2026-01-05', '2026-03-10', 30000),
      frozen('2026-03-10', '2026-04-05'),
      seg('2026-04-05', '2026-06-05', 30000),
    ];
    const eve = [
      seg('2026-02-20', '2026-03-16', 20000),
      seg('2026-04-20', '2026-06-20', 20000),
    ];
    expect(valuesOn(ann, ['2026-01-04', '2026-01-31', '2026-03-31', '2026-04-30'])).toEqual([null, 30000, 0, 30000]);
    const r = mrrReport([ann, eve], monthlyBuckets('2026-01-01', '2026-04-30'), '2026-01-01', '2026-04-30');
    // Ann's freeze in March is a pause, her return in April a resume (not contraction and expansion).
    expect(r.rows.map((x) => [x.month, x.new, x.expansion, x.contraction, x.churned, x.reactivation, x.paused, x.resumed, x.endMrr, x.customersEnd, x.payingEnd])).toEqual([
      ['2026-01', 30000, 0, 0, 0, 0, 0, 0, 30000, 1, 1],
      ['2026-02', 20000, 0, 0, 0, 0, 0, 0, 50000, 2, 2],
      ['2026-03', 0, 0, 0, 20000, 0, 30000, 0, 0, 1, 0],
      ['2026-04', 0, 0, 0, 0, 20000, 0, 30000, 50000, 2, 2],
    ]);
    // March: 1 of 2 customers lost; ARPU undefined with nobody paying.
    expect(r.rows[2]).toMatchObject({ customerChurnBp: 5000, arpu: null, nrrBp: 0 });
    expect(r.totals).toMatchObject({ startMrr: 0, endMrr: 50000, netNew: 50000, newCustomers: 2, reactivatedCustomers: 1, lostCustomers: 1 });
  });

  it('counts a member who joins and leaves inside one month as both new and lost', () => {
    // 王芳 joins Jan 4 at 300.00 and is cancelled Jan 16: at neither month-end snapshot a customer.
    const wang = [seg('2026-01-04', '2026-01-16', 30000)];
    const stays = [seg('2025-12-01', '2026-06-01', 20000)];
    const r = mrrReport([wang, stays], monthlyBuckets('2026-01-01', '2026-02-28'), '2026-01-01', '2026-02-28');
    expect(r.rows.map((x) => [x.month, x.new, x.churned, x.newCustomers, x.lostCustomers, x.customersStart, x.customersEnd, x.startMrr, x.endMrr, x.netNew])).toEqual([
      ['2026-01', 30000, 30000, 1, 1, 1, 1, 20000, 20000, 0],
      ['2026-02', 0, 0, 0, 0, 1, 1, 20000, 20000, 0],
    ]);
    // The churn rate is of members at the month's start: she is on neither side of it (0 of 1), and the pooled
    // rate of the range and its lost-from-start count agree.
    expect(r.rows.map((x) => [x.lostFromStart, x.customerChurnBp])).toEqual([[0, 0], [0, 0]]);
    expect(r.totals).toMatchObject({ lostCustomers: 1, lostFromStart: 0, customerChurnBp: 0 });
    // A member of January 1 who leaves that month is lost from the start: 1 of 2.
    const leaves = [seg('2025-12-10', '2026-01-20', 15000)];
    const r3 = mrrReport([wang, stays, leaves], monthlyBuckets('2026-01-01', '2026-01-31'), '2026-01-01', '2026-01-31');
    expect(r3.rows[0]).toMatchObject({ lostCustomers: 2, lostFromStart: 1, customersStart: 2, customerChurnBp: 5000 });
    // A member who had been a customer before comes back and leaves again within a month: reactivated and lost.
    const back = [seg('2025-10-01', '2025-11-01', 10000), seg('2026-02-03', '2026-02-20', 10000)];
    const r2 = mrrReport([back], monthlyBuckets('2026-02-01', '2026-02-28'), '2026-02-01', '2026-02-28');
    expect(r2.rows[0]).toMatchObject({ new: 0, reactivation: 10000, churned: 10000, reactivatedCustomers: 1, lostCustomers: 1, netNew: 0 });
  });

  it('leaves a member who joined and left inside the month out of the revenue churn rates and retention, not out of "churned"', () => {
    // March: X (600.00) stays, Y (300.00) leaves on the 20th, C joins on the 3rd and leaves on the 11th at 300.00.
    const x = [seg('2026-01-01', '2026-06-01', 60000)];
    const y = [seg('2026-01-01', '2026-03-20', 30000)];
    const c = [seg('2026-03-03', '2026-03-11', 30000)];
    const r = mrrReport([x, y, c], monthlyBuckets('2026-03-01', '2026-03-31'), '2026-03-01', '2026-03-31');
    expect(r.rows[0]).toMatchObject({ startMrr: 90000, endMrr: 60000, new: 30000, churned: 60000, lostCustomers: 2, lostFromStart: 1 });
    // Of the 900.00 there on March 1, 300.00 left: 33.33 % churn, 66.67 % kept.
    expect(r.rows[0]).toMatchObject({ grossRevenueChurnBp: 3333, netRevenueChurnBp: 3333, nrrBp: 6667, customerChurnBp: 5000 });
    expect(r.totals).toMatchObject({ grossRevenueChurnBp: 3333, netRevenueChurnBp: 3333 });
  });

  it('labels the part of an expansion that is a discount running out', () => {
    // 299.00 with 20 % off for three months (239.20), then full price; later an add-on of 30.00.
    const m = [seg('2026-01-05', '2026-04-05', 23920, 29900), seg('2026-04-05', '2026-05-10', 29900), seg('2026-05-10', '2026-07-01', 32900)];
    const r = mrrReport([m], monthlyBuckets('2026-04-01', '2026-05-31'), '2026-04-01', '2026-05-31');
    expect(r.rows.map((x) => [x.month, x.expansion, x.discountEnded, x.contraction])).toEqual([
      ['2026-04', 5980, 5980, 0],
      ['2026-05', 3000, 0, 0],
    ]);
    expect(r.totals).toMatchObject({ expansion: 8980, discountEnded: 5980 });
  });

  it('tells a freeze of one of two subscriptions from a downgrade', () => {
    // Two cards of 300.00 and 200.00; the 200.00 one is frozen Mar 10 – Apr 10; in May the 300.00 card drops to 250.00.
    const m = [seg('2026-01-01', '2026-03-10', 50000), seg('2026-03-10', '2026-04-10', 30000, 30000, 1), seg('2026-04-10', '2026-05-05', 50000), seg('2026-05-05', '2026-07-01', 45000)];
    const r = mrrReport([m], monthlyBuckets('2026-03-01', '2026-05-31'), '2026-03-01', '2026-05-31');
    expect(r.rows.map((x) => [x.month, x.paused, x.resumed, x.contraction, x.expansion, x.netNew])).toEqual([
      ['2026-03', 20000, 0, 0, 0, -20000],
      ['2026-04', 0, 20000, 0, 0, 20000],
      ['2026-05', 0, 0, 5000, 0, -5000],
    ]);
    expect(r.totals).toMatchObject({ paused: 20000, resumed: 20000, contraction: 5000, netNew: -5000 });
  });
});
