import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure } from '../../support/host';
import { billing, type Billing } from './support';

let b: Billing | undefined;
afterEach(() => b?.close());

async function expectRefused(b: Billing, call: () => Promise<unknown>, code: string, path?: string): Promise<void> {
  const hash = databaseHash(b.th.host.db);
  const err = await failure(call());
  expect(err.code).toBe(code);
  if (path !== undefined) expect((err.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(path);
  expect(databaseHash(b.th.host.db)).toBe(hash);
}

describe('impossible requests get a specific code and change nothing', () => {
  it('bad input: negative price, 2026-02-30, a discount over 100 %, a repeating discount without periods', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Bad');
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    const h = b.th.host;
    await expectRefused(b, () => h.invoke('plans.create', { kind: 'recurring', name: 'Neg', price: -100, interval: 'month' }), 'VALIDATION', 'price');
    await expectRefused(b, () => h.invoke('subscriptions.create', { memberId: m, planId: plan, price: -1 }), 'VALIDATION', 'price');
    await expectRefused(b, () => h.invoke('subscriptions.create', { memberId: m, planId: plan, startDate: '2026-02-30' }), 'VALIDATION', 'startDate');
    await expectRefused(b, () => h.invoke('subscriptions.create', { memberId: m, planId: plan, discount: { kind: 'percent', value: 10001, duration: 'forever' } }), 'VALIDATION', 'discount.value');
    await expectRefused(b, () => h.invoke('subscriptions.create', { memberId: m, planId: plan, discount: { kind: 'fixed', value: 100, duration: 'repeating' } }), 'VALIDATION', 'discount.periods');
    await expectRefused(b, () => h.invoke('subscriptions.pause', { id: 1, effectiveDate: '2026-13-01' }), 'VALIDATION', 'effectiveDate');
    await expectRefused(b, () => h.invoke('billing.preview', { asOf: '2026-02-29' }), 'VALIDATION', 'asOf');
    await expectRefused(b, () => h.invoke('subscriptions.create', { memberId: 99, planId: plan }), 'NOT_FOUND');
    await expectRefused(b, () => h.invoke('subscriptions.create', { memberId: m, planId: plan, startDate: '2028-01-05' }), 'DATE_OUT_OF_RANGE');
  });

  it('lifecycle requests that cannot apply', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Life');
    const plan = await b.plan({ name: 'Gym', price: 30000, freezeDaysPerYear: 366 });
    const old = await b.plan({ name: 'Old', price: 30000 });
    await b.th.host.invoke('plans.archive', { id: old, archived: true });
    const h = b.th.host;
    const sub = await b.subscribe(m, plan);
    await expectRefused(b, () => h.invoke('subscriptions.create', { memberId: m, planId: old }), 'PLAN_ARCHIVED');
    await expectRefused(b, () => h.invoke('subscriptions.resume', { id: sub }), 'SUBSCRIPTION_NOT_PAUSED');
    await expectRefused(b, () => h.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-01-04' }), 'DATE_OUT_OF_RANGE');
    await expectRefused(b, () => h.invoke('subscriptions.pause', { id: sub, resumeDate: '2026-01-06' }), 'DATE_OUT_OF_RANGE');
    await expectRefused(b, () => h.invoke('subscriptions.cancel', { id: sub, mode: 'now', effectiveDate: '2026-02-06' }), 'DATE_OUT_OF_RANGE');
    await expectRefused(b, () => h.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'refund' }), 'VALIDATION', 'refundMethod');
    await expectRefused(b, () => h.invoke('subscriptions.addAddon', { id: sub, name: 'Locker', price: 100, effectiveDate: '2026-02-06' }), 'DATE_OUT_OF_RANGE');
    await expectRefused(b, () => h.invoke('subscriptions.removeAddon', { id: sub, addonId: 1 }), 'ADDON_NOT_FOUND');
    await expectRefused(b, () => h.invoke('subscriptions.undoCancel', { id: sub }), 'NOT_CANCELLING');
    await h.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-01-05' });
    await expectRefused(b, () => h.invoke('subscriptions.pause', { id: sub }), 'ALREADY_PAUSED');
    await expectRefused(b, () => h.invoke('subscriptions.resume', { id: sub, effectiveDate: '2026-01-05' }), 'DATE_OUT_OF_RANGE');
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'now', effectiveDate: '2026-01-05' });
    expect((await h.invoke('subscriptions.get', { id: sub })).status).toBe('cancelled');
    await expectRefused(b, () => h.invoke('subscriptions.pause', { id: sub }), 'SUBSCRIPTION_NOT_ACTIVE');
    await expectRefused(b, () => h.invoke('subscriptions.cancel', { id: sub }), 'SUBSCRIPTION_NOT_ACTIVE');
    await expectRefused(b, () => h.invoke('subscriptions.changePlan', { id: sub, planId: old }), 'SUBSCRIPTION_NOT_ACTIVE');
    await expectRefused(b, () => h.invoke('subscriptions.resume', { id: sub }), 'SUBSCRIPTION_NOT_PAUSED');
  });

  it('a dry run shows the exact outcome and changes nothing', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Dry');
    const plan = await b.plan({ name: 'Gym', price: 31000, freezeDaysPerYear: 366, setupFee: 1000 });
    const hash = databaseHash(b.th.host.db);
    const dry = await b.th.host.invoke('subscriptions.create', { memberId: m, planId: plan, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.invoices.map((i) => [i.number, i.total, i.lines.map((l) => l.kind)])).toEqual([['INV-2026-00001', 32000, ['setup_fee', 'period']]]);
    expect(databaseHash(b.th.host.db)).toBe(hash);
    const sub = await b.subscribe(m, plan);
    const h2 = databaseHash(b.th.host.db);
    const pause = await b.th.host.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-01-15', dryRun: true });
    expect(pause.creditNotes.map((c) => [c.number, c.total])).toEqual([['CN-2026-00001', 21000]]);
    expect(pause.subscription.pause).toEqual({ id: 1, startDate: '2026-01-15', endDate: null });
    expect(databaseHash(b.th.host.db)).toBe(h2);
  });
});

describe('a date given with a change at the period end', () => {
  it('is refused unless it is the period’s end (it was ignored); without one, or with that very day, the change is booked', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Dana');
    const gold = await b.plan({ name: 'Gold', price: 50000 });
    const lite = await b.plan({ name: 'Lite', price: 20000 });
    const h = b.th.host;
    const sub = await b.subscribe(m, gold);
    expect((await h.invoke('subscriptions.get', { id: sub })).nextBillDate).toBe('2026-02-05');
    const refused = (err: { code: string; details?: Record<string, unknown> }) => ({ code: err.code, details: err.details });
    const range = { code: 'DATE_OUT_OF_RANGE', details: { field: 'effectiveDate', date: '2026-01-20', from: '2026-02-05', to: '2026-02-05' } };
    for (const input of [
      { id: sub, planId: lite, when: 'period_end' as const, effectiveDate: '2026-01-20' },
      // A downgrade left to "auto" happens at the period end too.
      { id: sub, planId: lite, when: 'auto' as const, effectiveDate: '2026-01-20' },
    ]) {
      const hash = databaseHash(h.db);
      expect(refused(await failure(h.invoke('subscriptions.changePlan', input)))).toEqual(range);
      expect(databaseHash(h.db)).toBe(hash);
    }
    const hash = databaseHash(h.db);
    expect(refused(await failure(h.invoke('subscriptions.cancel', { id: sub, mode: 'period_end', effectiveDate: '2026-01-20' })))).toEqual(range);
    expect(refused(await failure(h.invoke('subscriptions.cancel', { id: sub, effectiveDate: '2026-02-06' })))).toEqual({ ...range, details: { ...range.details, date: '2026-02-06' } });
    expect(databaseHash(h.db)).toBe(hash);
    const booked = await h.invoke('subscriptions.changePlan', { id: sub, planId: lite, when: 'auto', effectiveDate: '2026-02-05' });
    expect(booked.subscription).toMatchObject({ planId: gold, pendingPlanId: lite, pendingChangeDate: '2026-02-05' });
    const ending = await h.invoke('subscriptions.cancel', { id: sub, mode: 'period_end', effectiveDate: '2026-02-05' });
    expect(ending.subscription).toMatchObject({ cancelAtPeriodEnd: true, endDate: '2026-02-05' });
    // An upgrade under "auto" still takes its date now.
    await h.invoke('subscriptions.undoCancel', { id: sub });
    const other = await b.subscribe(await b.member('Eli'), lite);
    const up = await h.invoke('subscriptions.changePlan', { id: other, planId: gold, when: 'auto', effectiveDate: '2026-01-20' });
    expect(up.subscription).toMatchObject({ planId: gold, pendingPlanId: null });
  });
});
