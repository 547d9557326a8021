/**
 * A plan switch booked for the period end can be withdrawn on its own (found by the lifecycle probe of session
 * 14: only cancelling and undoing brought a membership back, and that kept the switch). The membership stays on
 * its plan; in a fixed term's last period, where the booking had carried the membership on, it ends with the
 * term again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure } from '../../../support/host';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

const period = (s: string, e: string, amount: number, name: string) => `period ${s}/${e} ${amount} = ${amount} + 0 | ${name}`;

describe('withdrawing a plan switch booked for the period end', () => {
  it('keeps the membership on its plan: the next period is billed at the old price, and the history says so', async () => {
    b = await billing('2026-01-05');
    const h = b.th.host;
    const hi = await b.plan({ name: 'Hi', price: 30000 });
    const lo = await b.plan({ name: 'Lo', price: 20000 });
    const m = await b.member('Tess');
    const sub = await b.subscribe(m, hi);
    await h.invoke('subscriptions.changePlan', { id: sub, planId: lo }); // a downgrade: booked for Feb 5
    b.th.clock.set('2026-01-20T10:00:00+08:00');
    const dry = await h.invoke('subscriptions.withdrawSwitch', { id: sub, dryRun: true });
    expect(dry.subscription).toMatchObject({ pendingPlanId: null, pendingChangeDate: null });
    expect((await h.invoke('subscriptions.get', { id: sub })).pendingPlanId).toBe(lo);
    const r = await h.invoke('subscriptions.withdrawSwitch', { id: sub });
    expect(r.subscription).toMatchObject({ planId: hi, pendingPlanId: null, pendingChangeDate: null, endDate: null, nextBillDate: '2026-02-05' });
    const entry = (await h.invoke('audit.query', { entity: 'subscription', entityId: String(sub), limit: 1 })).rows[0]!;
    expect([entry.channel, entry.before, entry.after]).toEqual([
      'subscriptions.withdrawSwitch',
      { pendingPlanId: lo, on: '2026-02-05', endDate: null },
      { pendingPlanId: null, on: null, endDate: null },
    ]);
    await b.runOn('2026-02-05');
    expect((await b.invoices()).map((i) => i.lines)).toEqual([[period('2026-01-05', '2026-02-05', 30000, 'Hi')], [period('2026-02-05', '2026-03-05', 30000, 'Hi')]]);
    // Nothing booked any more: refused, nothing written.
    const hash = databaseHash(h.db);
    expect(await failure(h.invoke('subscriptions.withdrawSwitch', { id: sub }))).toMatchObject({ code: 'NO_SWITCH_BOOKED' });
    expect(databaseHash(h.db)).toBe(hash);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('in a fixed term’s last period the membership ends with the term again; cancelled at the period end, it stays cancelled', async () => {
    b = await billing('2026-01-05');
    const h = b.th.host;
    const term = await b.plan({ name: '2 months', price: 30000, termPeriods: 2 });
    const open = await b.plan({ name: 'Open', price: 20000 });
    const uma = await b.subscribe(await b.member('Uma'), term);
    const vic = await b.subscribe(await b.member('Vic'), term);
    await b.runOn('2026-02-05');
    for (const id of [uma, vic]) expect(await h.invoke('subscriptions.get', { id })).toMatchObject({ endDate: '2026-03-05', periodsBilled: 2 });
    // Booked for the term's end, the switch carries Uma on; withdrawn, she ends with the term.
    expect((await h.invoke('subscriptions.changePlan', { id: uma, planId: open, when: 'period_end' })).subscription).toMatchObject({ endDate: null, pendingPlanId: open });
    expect((await h.invoke('subscriptions.withdrawSwitch', { id: uma })).subscription).toMatchObject({ endDate: '2026-03-05', pendingPlanId: null });
    // Vic cancels at the period end, books a switch (she still leaves), withdraws it, and undoes the cancellation: the term end stays.
    await h.invoke('subscriptions.cancel', { id: vic, mode: 'period_end' });
    await h.invoke('subscriptions.changePlan', { id: vic, planId: open, when: 'period_end' });
    expect((await h.invoke('subscriptions.withdrawSwitch', { id: vic })).subscription).toMatchObject({ endDate: '2026-03-05', cancelAtPeriodEnd: true, pendingPlanId: null });
    expect((await h.invoke('subscriptions.undoCancel', { id: vic })).subscription).toMatchObject({ endDate: '2026-03-05', cancelAtPeriodEnd: false });
    await b.runOn('2026-03-05');
    expect(await h.invoke('subscriptions.get', { id: uma })).toMatchObject({ status: 'ended', planId: term });
    expect(await h.invoke('subscriptions.get', { id: vic })).toMatchObject({ status: 'ended', planId: term });
    expect((await b.invoices()).map((i) => i.lines)).toEqual([
      [period('2026-01-05', '2026-02-05', 30000, '2 months')],
      [period('2026-01-05', '2026-02-05', 30000, '2 months')],
      [period('2026-02-05', '2026-03-05', 30000, '2 months')],
      [period('2026-02-05', '2026-03-05', 30000, '2 months')],
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
