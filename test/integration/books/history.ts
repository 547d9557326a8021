/**
 * A small hand-built history (Jan 5 – May 2, 2026) made through host.invoke with a moving clock,
 * billing every day as the midnight run would. Every report figure of it is worked out by hand in
 * reports.test.ts. Prices are tax-exclusive; Gold carries 6 % tax, the others none.
 *
 *   Ann  Gold ¥300/month from Jan 5; freezes Mar 10 – Apr 5 (asked on Mar 6); pays everything.
 *   Bo   Silver ¥200/month from Jan 10; upgrades to Gold on Feb 12; stops paying from Mar 10.
 *   Cai  Quarter ¥900 per 3 months from Jan 15, paid ahead; cancels at the period end (Apr 15) on Mar 20.
 *   Dee  buys a ¥500 session pack on Jan 20 (paid) and another on May 1 (unpaid).
 *   Eve  Silver from Feb 20; cancels now on Mar 15 (credit refunded in cash); joins again on Apr 20;
 *        pays ¥50 of her April invoice on May 2.
 *   Expenses: rent ¥600 on the 1st of Jan–Apr, salaries ¥500 on Feb 28, one April entry deleted.
 *   Check-ins: Ann Jan 6 09:00 and Jan 7 18:30, Bo Jan 12 18:10, Cai Feb 2 07:00 (one at 06:50 undone), Ann May 2 09:00.
 */
import type { Host } from '../../../electron/host/host';
import { makeHost, type TestHost } from '../../support/host';

export interface History {
  th: TestHost;
  host: Host;
  ids: { ann: number; bo: number; cai: number; dee: number; eve: number; gold: number; silver: number; quarter: number; pack: number };
}

/** 09:00 Shanghai on `date`, or another local time "HH:MM". */
function at(th: TestHost, date: string, time = '09:00'): void {
  const [h, m] = time.split(':').map(Number);
  const utc = new Date(`${date}T00:00:00.000Z`);
  utc.setUTCHours(h! - 8, m!);
  th.clock.set(utc.toISOString());
}

export async function buildHistory(): Promise<History> {
  const th = await makeHost({ startDate: '2026-01-01', setup: true });
  const host = th.host;
  await host.invoke('settings.update', { pricesIncludeTax: false, paymentTermsDays: 7, householdDiscountBp: 0 });
  const plan = async (p: object) => (await host.invoke('plans.create', p as never)).id;
  const gold = await plan({ kind: 'recurring', name: 'Gold', price: 30000, interval: 'month', taxRateBp: 600, freezeDaysPerYear: 60 });
  const silver = await plan({ kind: 'recurring', name: 'Silver', price: 20000, interval: 'month', taxRateBp: 0 });
  const quarter = await plan({ kind: 'recurring', name: 'Quarter', price: 90000, interval: 'month', intervalCount: 3, taxRateBp: 0 });
  const pack = await plan({ kind: 'pack', name: '10 sessions', price: 50000, taxRateBp: 0, packSessions: 10, packValidDays: 180 });
  const member = async (name: string) => (await host.invoke('members.create', { name })).id;
  const ann = await member('Ann 安');
  const bo = await member('Bo 博');
  const cai = await member('Cai 蔡');
  const dee = await member('Dee 迪');
  const eve = await member('Eve 伊');
  const subs: Record<string, number> = {};

  const rent = (await host.invoke('expenseCategories.list', {})).find((c) => c.code === 'rent')!.id;
  const salaries = (await host.invoke('expenseCategories.list', {})).find((c) => c.code === 'salaries')!.id;
  const pay = (payerId: number, amount: number, method: string) => host.invoke('payments.record', { payerId, amount, method });
  const checkIn = async (memberId: number, date: string, time: string) => {
    at(th, date, time);
    return host.invoke('checkin.checkIn', { memberId });
  };

  // What happens on each day, before that day's billing run has been made (the run comes first).
  const events: Record<string, () => Promise<unknown>> = {
    '2026-01-01': () => host.invoke('expenses.create', { date: '2026-01-01', amount: 60000, categoryId: rent, method: 'bank_transfer', note: '一月房租' }),
    '2026-01-05': async () => {
      subs['ann'] = (await host.invoke('subscriptions.create', { memberId: ann, planId: gold })).subscription.id;
      await pay(ann, 31800, 'cash');
    },
    '2026-01-06': () => checkIn(ann, '2026-01-06', '09:00'),
    '2026-01-07': () => checkIn(ann, '2026-01-07', '18:30'),
    '2026-01-10': async () => {
      subs['bo'] = (await host.invoke('subscriptions.create', { memberId: bo, planId: silver })).subscription.id;
      await pay(bo, 20000, 'wechat');
    },
    '2026-01-12': () => checkIn(bo, '2026-01-12', '18:10'),
    '2026-01-15': async () => {
      subs['cai'] = (await host.invoke('subscriptions.create', { memberId: cai, planId: quarter })).subscription.id;
      await pay(cai, 90000, 'bank_transfer');
    },
    '2026-01-20': async () => {
      await host.invoke('packs.sell', { memberId: dee, planId: pack });
      await pay(dee, 50000, 'alipay');
    },
    '2026-02-01': () => host.invoke('expenses.create', { date: '2026-02-01', amount: 60000, categoryId: rent, method: 'bank_transfer' }),
    '2026-02-02': async () => {
      // A check-in at 06:50 is undone (wrong member picked), then the real one at 07:00.
      const wrong = await checkIn(cai, '2026-02-02', '06:50');
      await host.invoke('checkin.undo', { id: wrong.checkin!.id, reason: 'Wrong member' });
      await checkIn(cai, '2026-02-02', '07:00');
    },
    '2026-02-05': () => pay(ann, 31800, 'cash'),
    '2026-02-10': () => pay(bo, 20000, 'wechat'),
    '2026-02-12': async () => {
      await host.invoke('subscriptions.changePlan', { id: subs['bo']!, planId: gold });
      await pay(bo, 10957, 'wechat');
    },
    '2026-02-20': async () => {
      subs['eve'] = (await host.invoke('subscriptions.create', { memberId: eve, planId: silver })).subscription.id;
      await pay(eve, 20000, 'cash');
    },
    '2026-02-28': () => host.invoke('expenses.create', { date: '2026-02-28', amount: 50000, categoryId: salaries, method: 'bank_transfer' }),
    '2026-03-01': () => host.invoke('expenses.create', { date: '2026-03-01', amount: 60000, categoryId: rent, method: 'bank_transfer' }),
    '2026-03-05': () => pay(ann, 31800, 'cash'),
    '2026-03-06': () => host.invoke('subscriptions.pause', { id: subs['ann']!, effectiveDate: '2026-03-10', resumeDate: '2026-04-05' }),
    '2026-03-15': async () => {
      await host.invoke('subscriptions.cancel', { id: subs['eve']!, mode: 'now', settlement: 'credit' });
      await host.invoke('refunds.create', { payerId: eve, source: 'credit', amount: 2857, method: 'cash', reason: 'Cancelled' });
    },
    '2026-03-20': () => host.invoke('subscriptions.cancel', { id: subs['cai']!, mode: 'period_end' }),
    '2026-04-01': async () => {
      await host.invoke('expenses.create', { date: '2026-04-01', amount: 60000, categoryId: rent, method: 'bank_transfer' });
      const wrong = await host.invoke('expenses.create', { date: '2026-04-01', amount: 99999, categoryId: rent, method: 'cash' });
      await host.invoke('expenses.delete', { id: wrong.id, reason: 'Typed twice' });
    },
    '2026-04-05': () => pay(ann, 5129, 'cash'),
    '2026-04-20': async () => {
      subs['eve2'] = (await host.invoke('subscriptions.create', { memberId: eve, planId: silver })).subscription.id;
    },
    '2026-05-01': () => host.invoke('packs.sell', { memberId: dee, planId: pack }),
    '2026-05-02': async () => {
      await pay(eve, 5000, 'wechat');
      await checkIn(ann, '2026-05-02', '09:00');
    },
  };

  for (let d = new Date('2026-01-01T00:00:00Z'); d <= new Date('2026-05-02T00:00:00Z'); d.setUTCDate(d.getUTCDate() + 1)) {
    const date = d.toISOString().slice(0, 10);
    at(th, date, '08:00');
    await host.invoke('billing.run', {});
    at(th, date);
    await events[date]?.();
  }
  at(th, '2026-05-02', '20:00');
  return { th, host, ids: { ann, bo, cai, dee, eve, gold, silver, quarter, pack } };
}
