import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDailyShares,
  agingBucket,
  agingTable,
  applyChurn,
  cashFlow,
  classifyMovement,
  customerChurnBp,
  emptyMovements,
  grossRevenueChurnBp,
  lifetimeValue,
  monthFromNumber,
  monthlyBuckets,
  monthNumber,
  mulDivRound,
  netNewMrr,
  netRevenueChurnBp,
  nextMonth,
  nrrBp,
  perHead,
  pooledChurnBp,
  prevMonth,
  ratioBp,
  spreadByDays,
} from '../../../electron/books/reports/metrics';

describe('months and buckets', () => {
  it('cuts a range into monthly buckets clipped at both ends', () => {
    expect(monthlyBuckets('2026-01-15', '2026-03-10')).toEqual([
      { month: '2026-01', start: '2026-01-15', end: '2026-01-31' },
      { month: '2026-02', start: '2026-02-01', end: '2026-02-28' },
      { month: '2026-03', start: '2026-03-01', end: '2026-03-10' },
    ]);
    expect(monthlyBuckets('2024-02-01', '2024-02-29')).toEqual([{ month: '2024-02', start: '2024-02-01', end: '2024-02-29' }]);
    expect(monthlyBuckets('2026-03-01', '2026-02-01')).toEqual([]);
  });

  it('steps over year ends and numbers months', () => {
    expect(nextMonth('2025-12')).toBe('2026-01');
    expect(prevMonth('2026-01')).toBe('2025-12');
    expect(monthNumber('2026-01') - monthNumber('2025-12')).toBe(1);
    expect(monthFromNumber(monthNumber('2027-10'))).toBe('2027-10');
  });
});

describe('ratios', () => {
  it('gives basis points half-up, null on a zero denominator', () => {
    expect(ratioBp(1, 3)).toBe(3333);
    expect(ratioBp(2, 3)).toBe(6667);
    expect(ratioBp(1, 8)).toBe(1250);
    expect(ratioBp(-1, 8)).toBe(-1250);
    expect(ratioBp(5, 0)).toBeNull();
    expect(perHead(1000, 3)).toBe(333);
    expect(perHead(1001, 2)).toBe(501);
    expect(perHead(1000, 0)).toBeNull();
  });
});

describe('MRR movements', () => {
  it('classifies one customer between two snapshots', () => {
    const at = (mrr: number, list = mrr, paused = 0) => ({ mrr, list, paused });
    const moved = (kind: string, amount: number, discountEnded = 0) => ({ kind, amount, discountEnded });
    expect(classifyMovement(null, at(30000), false)).toEqual(moved('new', 30000));
    expect(classifyMovement(null, at(30000), true)).toEqual(moved('reactivation', 30000));
    expect(classifyMovement(at(30000), null, true)).toEqual(moved('churned', 30000));
    expect(classifyMovement(at(30000), at(45000), true)).toEqual(moved('expansion', 15000));
    expect(classifyMovement(at(45000), at(30000), true)).toEqual(moved('contraction', 15000));
    expect(classifyMovement(at(30000), at(30000), true)).toBeNull();
    expect(classifyMovement(null, null, true)).toBeNull();
    // A freeze keeps the member as a customer: MRR to 0 with a subscription frozen is paused, the return resumed.
    expect(classifyMovement(at(30000), at(0, 0, 1), true)).toEqual(moved('paused', 30000));
    expect(classifyMovement(at(0, 0, 1), at(30000), true)).toEqual(moved('resumed', 30000));
    // MRR to 0 without a freeze (a free plan) is contraction; back up again expansion.
    expect(classifyMovement(at(30000), at(0), true)).toEqual(moved('contraction', 30000));
    expect(classifyMovement(at(0), at(30000), true)).toEqual(moved('expansion', 30000));
    // A discount ending: same list price, less off. Part of a bigger rise is labelled as far as it goes.
    expect(classifyMovement(at(23920, 29900), at(29900, 29900), true)).toEqual(moved('expansion', 5980, 5980));
    expect(classifyMovement(at(23920, 29900), at(32900, 32900), true)).toEqual(moved('expansion', 8980, 5980));
    // A discount starting is contraction, never a negative "discount ended".
    expect(classifyMovement(at(29900, 29900), at(23920, 29900), true)).toEqual(moved('contraction', 5980));
    // A frozen member who leaves churns with nothing left to lose.
    expect(classifyMovement(at(0, 0, 1), null, true)).toEqual(moved('churned', 0));
  });

  it('derives the churn and retention rates from one month of movements', () => {
    // Start: 10 customers, MRR 3,000.00. New 600.00, expansion 150.00, contraction 50.00,
    // 1 customer churned (300.00), 1 reactivated (200.00).
    const m = { ...emptyMovements(), new: 60000, expansion: 15000, contraction: 5000, churned: 30000, reactivation: 20000 };
    expect(netNewMrr(m)).toBe(60000 + 15000 + 20000 - 5000 - 30000);
    // A freeze and a return move MRR too, but are not churn.
    expect(netNewMrr({ ...m, paused: 10000, resumed: 4000 })).toBe(60000 + 15000 + 20000 + 4000 - 5000 - 30000 - 10000);
    expect(grossRevenueChurnBp({ ...m, paused: 10000 }, 300000)).toBe(1167);
    expect(customerChurnBp(1, 10)).toBe(1000);
    // (300 + 50) / 3000 = 11.67 %
    expect(grossRevenueChurnBp(m, 300000)).toBe(1167);
    // (300 + 50 − 150) / 3000 = 6.67 %
    expect(netRevenueChurnBp(m, 300000)).toBe(667);
    // (3000 + 150 − 50 − 300) / 3000 = 93.33 %
    expect(nrrBp(m, 300000)).toBe(9333);
    // Expansion beyond losses: negative net churn, NRR above 100 %.
    const growth = { ...emptyMovements(), expansion: 20000, contraction: 5000 };
    expect(netRevenueChurnBp(growth, 100000)).toBe(-1500);
    expect(nrrBp(growth, 100000)).toBe(11500);
    expect(nrrBp(growth, 0)).toBeNull();
  });

  it('pools churn over months and turns it into lifetime value', () => {
    // 2 + 1 + 3 lost of 40 + 42 + 38 at the start = 6 / 120 = 5 %.
    expect(pooledChurnBp([{ lost: 2, atStart: 40 }, { lost: 1, atStart: 42 }, { lost: 3, atStart: 38 }])).toBe(500);
    expect(pooledChurnBp([])).toBeNull();
    // ARPU 280.00 / 5 % = 5,600.00
    expect(lifetimeValue(28000, 500)).toBe(560000);
    // 333.33 / 3 % = 11,111.00
    expect(lifetimeValue(33333, 300)).toBe(1111100);
    expect(lifetimeValue(28000, 0)).toBeNull();
    expect(lifetimeValue(null, 500)).toBeNull();
  });
});

describe('revenue recognised over the service months', () => {
  it('spreads a quarter paid in advance by days, the shares adding up to the amount', () => {
    // 900.00 for Jan 15 – Apr 15 (90 days): Jan 17 d, Feb 28 d, Mar 31 d, Apr 14 d.
    const parts = spreadByDays(90000, '2026-01-15', '2026-04-15');
    expect(parts).toEqual([
      { month: '2026-01', amount: 17000 },
      { month: '2026-02', amount: 28000 },
      { month: '2026-03', amount: 31000 },
      { month: '2026-04', amount: 14000 },
    ]);
  });

  it('rounds cumulatively so a yearly price leaves no cent behind', () => {
    // 1,000.00 over 2026 (365 days): Jan = round(100000 × 31/365) = 8493.
    const parts = spreadByDays(100000, '2026-01-01', '2027-01-01');
    expect(parts).toHaveLength(12);
    expect(parts[0]).toEqual({ month: '2026-01', amount: 8493 });
    expect(parts[1]).toEqual({ month: '2026-02', amount: 16164 - 8493 });
    expect(parts.reduce((s, p) => s + p.amount, 0)).toBe(100000);
  });

  it('keeps a one-month period in its month, and negative credits mirror', () => {
    expect(spreadByDays(29900, '2026-03-01', '2026-04-01')).toEqual([{ month: '2026-03', amount: 29900 }]);
    // Credit of −160.00 for Oct 16 – Nov 16: 16 days in Oct, 15 in Nov (31 days): −82.58 / −77.42.
    expect(spreadByDays(-16000, '2026-10-16', '2026-11-16')).toEqual([
      { month: '2026-10', amount: -8258 },
      { month: '2026-11', amount: -7742 },
    ]);
  });

  it('adds each day its share: 100.00 over 3 days is 33.33, 33.34, 33.33; a credit mirrors; onto what is there', () => {
    const days = [1, 0, 0, 0, 5];
    addDailyShares(10000, 3, days, 1);
    expect(days).toEqual([1, 3333, 3334, 3333, 5]);
    addDailyShares(-10000, 3, days, 2);
    expect(days).toEqual([1, 3333, 1, -1, -3328]);
  });

  it('gives each day the difference of the cumulative roundings, for any amount and length', () => {
    const byDivision = (amount: number, total: number) => Array.from({ length: total }, (_, i) => mulDivRound(amount, i + 1, total) - mulDivRound(amount, i, total));
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: -(2 ** 45), max: 2 ** 45 })), fc.integer({ min: 1, max: 800 }), (amount, total) => {
        const days = new Array<number>(total).fill(0);
        addDailyShares(amount, total, days, 0);
        // + 0 turns a −0 into 0: only the values count.
        expect(days.map((d) => d + 0)).toEqual(byDivision(amount, total).map((d) => d + 0));
      }),
      { numRuns: 500 },
    );
  });
});

describe('cash flow', () => {
  it('nets each month and keeps a running total from the opening amount', () => {
    expect(
      cashFlow(
        [
          { month: '2026-01', collected: 500000, refunded: 20000, expenses: 300000 },
          { month: '2026-02', collected: 400000, refunded: 0, expenses: 450000 },
        ],
        10000,
      ),
    ).toEqual([
      { month: '2026-01', collected: 500000, refunded: 20000, expenses: 300000, net: 180000, running: 190000 },
      { month: '2026-02', collected: 400000, refunded: 0, expenses: 450000, net: -50000, running: 140000 },
    ]);
  });
});

describe('AR aging', () => {
  it('puts days past due into buckets', () => {
    const asOf = '2026-06-30';
    expect(agingBucket('2026-07-05', asOf)).toBe('current');
    expect(agingBucket('2026-06-30', asOf)).toBe('current');
    expect(agingBucket('2026-06-29', asOf)).toBe('d1_30');
    expect(agingBucket('2026-05-31', asOf)).toBe('d1_30'); // 30 days
    expect(agingBucket('2026-05-30', asOf)).toBe('d31_60'); // 31 days
    expect(agingBucket('2026-05-01', asOf)).toBe('d31_60'); // 60 days
    expect(agingBucket('2026-04-30', asOf)).toBe('d61_90'); // 61 days
    expect(agingBucket('2026-04-01', asOf)).toBe('d61_90'); // 90 days
    expect(agingBucket('2026-03-31', asOf)).toBe('d90plus'); // 91 days
  });

  it('sums per payer and in total, largest debt first', () => {
    const { rows, totals } = agingTable(
      [
        { payerId: 1, payerName: '王芳', dueDate: '2026-06-20', balance: 10000 },
        { payerId: 2, payerName: 'Li Lei', dueDate: '2026-03-01', balance: 50000 },
        { payerId: 1, payerName: '王芳', dueDate: '2026-07-03', balance: 30000 },
        { payerId: 1, payerName: '王芳', dueDate: '2026-05-10', balance: 5000 },
      ],
      '2026-06-30',
    );
    expect(rows).toEqual([
      { payerId: 2, payerName: 'Li Lei', invoices: 1, oldestDueDate: '2026-03-01', current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 50000, total: 50000 },
      { payerId: 1, payerName: '王芳', invoices: 3, oldestDueDate: '2026-05-10', current: 30000, d1_30: 10000, d31_60: 5000, d61_90: 0, d90plus: 0, total: 45000 },
    ]);
    expect(totals).toEqual({ current: 30000, d1_30: 10000, d31_60: 5000, d61_90: 0, d90plus: 50000, total: 95000 });
  });
});

describe('forecast with churn', () => {
  it('keeps (1 − churn)^k of month k', () => {
    const out = applyChurn(
      [
        { month: '2026-07', total: 1000000 },
        { month: '2026-08', total: 1000000 },
        { month: '2026-09', total: 500000 },
      ],
      1000,
    );
    // 10 % churn: 0.9, 0.81, 0.729.
    expect(out.map((m) => m.withChurn)).toEqual([900000, 810000, 364500]);
    expect(out[0]).toEqual({ month: '2026-07', total: 1000000, withChurn: 900000 });
    expect(applyChurn([{ total: 12345 }], 0)[0]!.withChurn).toBe(12345);
  });
});
