import { describe, expect, it } from 'vitest';
import { inferInvoiceFacts, type FactLine, type SubContext, type SubTerms } from '../../electron/db/line-facts';

const sub: SubTerms = { memberId: 7, planId: 1, price: 29900, interval: 'month', count: 1, alignment: 'calendar', anchor: '2026-03-10', discount: null };

function ctx(terms: Partial<SubTerms> = {}): SubContext {
  return {
    sub: { ...sub, ...terms },
    plan: (id) => (id === 1 ? { id: 1, price: 29900, interval: 'month', count: 1, alignment: terms.alignment ?? 'calendar' } : undefined),
    addonPrice: () => undefined,
    firstPeriodStart: () => null,
    largestPeriod: () => 0,
  };
}

const line = (kind: string, start: string | null, end: string | null, amount: number, extra: Partial<FactLine> = {}): FactLine => ({
  kind, subscriptionId: 1, addonId: null, planId: 1, periodStart: start, periodEnd: end, amount, ...extra,
});
const facts = (lines: FactLine[], c: SubContext) => inferInvoiceFacts(lines, 99, () => c).map((f) => [f.memberId, f.listPrice, f.daysUsed, f.daysInPeriod]);

describe('working out the facts of a line from its subscription', () => {
  it('a calendar stub with a fixed discount: the full month’s price, and the whole discount', () => {
    // Mar 10 – Apr 1: 22/31 × 299.00 = 212.19; 50.00 off is not prorated.
    const c = ctx({ discount: { kind: 'fixed', value: 5000 } });
    expect(facts([line('period', '2026-03-10', '2026-04-01', 21219), line('discount', '2026-03-10', '2026-04-01', -5000)], c)).toEqual([
      [7, 29900, 22, 31],
      [7, -5000, 22, 31],
    ]);
  });

  it('a household discount on a stub is scaled with its base', () => {
    // 21.22 off 212.19 is 10 %: 29.90 off the full 299.00.
    expect(facts([line('period', '2026-03-10', '2026-04-01', 21219), line('household_discount', '2026-03-10', '2026-04-01', -2122)], ctx())).toEqual([
      [7, 29900, 22, 31],
      [7, -2990, 22, 31],
    ]);
  });

  it('a period cut by a freeze on an anniversary plan: 15 of 31 days', () => {
    const c = ctx({ alignment: 'anniversary', anchor: '2026-01-05', price: 30000 });
    expect(facts([line('period', '2026-01-05', '2026-01-20', 14516)], c)).toEqual([[7, 30000, 15, 31]]);
  });

  it('a price no longer on the subscription or the plan is scaled back from the amount', () => {
    // A negotiated 250.00: 22/31 × 250 = 177.42 → 177.42 × 31/22 = 250.00.
    expect(facts([line('period', '2026-03-10', '2026-04-01', 17742)], ctx())).toEqual([[7, 25000, 22, 31]]);
  });

  it('a line for no subscription and no period is the payer’s, with no list price or days', () => {
    expect(facts([line('late_fee', null, null, 5000, { subscriptionId: null, planId: null })], ctx())).toEqual([[99, null, null, null]]);
  });
});
