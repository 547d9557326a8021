// The stored wake_date is the state machine's wake() of the loaded state after every kind of
// desk action and run, and the due scan finds subscriptions by it.
import { afterEach, describe, expect, it } from 'vitest';
import { wake } from '../../../electron/billing/subscription';
import { loadState } from '../../../electron/money/billing-run/states';
import { billing, type Billing } from './support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('subscriptions.wake_date', () => {
  it('follows every desk action and run, and equals wake() of the loaded state', async () => {
    b = await billing('2026-01-05');
    const h = b.th.host;
    const m = await b.member('Wendy');
    const gym = await b.plan({ name: 'Gym', price: 30000, freezeDaysPerYear: 366, trialDays: 7 });
    const yoga = await b.plan({ name: 'Yoga', price: 20000 });
    const sub = await b.subscribe(m, gym);
    const stored = () => h.db.prepare<[number], { wake_date: string | null }>('SELECT wake_date FROM subscriptions WHERE id = ?').get(sub)!.wake_date;
    const expectWake = (when: string, date: string) => expect([when, stored(), wake(loadState(h.db, sub))]).toEqual([when, date, date]);
    expectWake('sale with a trial', '2026-01-12');
    await b.runOn('2026-01-12');
    expectWake('trial ended by the run', '2026-02-12');
    await h.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-01-20', resumeDate: '2026-02-01' });
    expectWake('pause booked', '2026-01-20');
    await b.runOn('2026-01-20');
    expectWake('pause started', '2026-02-01');
    await h.invoke('subscriptions.resume', { id: sub, effectiveDate: '2026-01-25' });
    expectWake('resumed early', '2026-01-25');
    await b.runOn('2026-01-25');
    expectWake('resume run', '2026-02-12');
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'period_end' });
    expectWake('cancel at period end', '2026-02-12');
    await h.invoke('subscriptions.undoCancel', { id: sub });
    expectWake('cancel undone', '2026-02-12');
    await h.invoke('subscriptions.addAddon', { id: sub, name: 'Towel', price: 1000, taxRateBp: 0 });
    expectWake('add-on', '2026-02-12');
    const addonId = (await h.invoke('subscriptions.get', { id: sub })).addons[0]!.id;
    await h.invoke('subscriptions.removeAddon', { id: sub, addonId, effectiveDate: '2026-02-01' });
    expectWake('add-on removed', '2026-02-12');
    await h.invoke('subscriptions.changePlan', { id: sub, planId: yoga, when: 'period_end' });
    expectWake('downgrade booked', '2026-02-12');
    await b.runOn('2026-02-12');
    expectWake('plan switched by the run', '2026-03-12');
    await h.invoke('subscriptions.changePlan', { id: sub, planId: gym, when: 'now' });
    expectWake('upgrade now', '2026-03-12');
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'now', effectiveDate: '2026-02-20' });
    expectWake('cancel now', '2026-02-20');
    await b.runOn('2026-02-20');
    expectWake('ended by the run', '9999-12-31');
    expect((await h.invoke('subscriptions.get', { id: sub })).status).toBe('cancelled');
  });

  it('a row saved without one (written before the column) is filled by the next run and billed', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Old');
    const sub = await b.subscribe(m, await b.plan({ name: 'Gym', price: 30000 }));
    b.th.host.db.prepare('UPDATE subscriptions SET wake_date = NULL').run();
    await b.runOn('2026-02-05');
    const row = b.th.host.db.prepare<[number], { wake_date: string; next_bill_date: string }>('SELECT wake_date, next_bill_date FROM subscriptions WHERE id = ?').get(sub)!;
    expect(row).toEqual({ wake_date: '2026-03-05', next_bill_date: '2026-03-05' });
    expect((await b.invoices()).map((i) => i.issued)).toEqual(['2026-01-05', '2026-02-05']);
  });
});
