import { afterEach, describe, expect, it } from 'vitest';
import { failure, type TestHost } from '../../support/host';
import { deskHost, member, monthly, pack, sell } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

describe('member badges and the member page header', () => {
  it('shows active, trial, paused, overdue, expiring soon and ended on the list', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const plan = await monthly(h);
    const trial = await h.invoke('plans.create', { kind: 'recurring', name: 'Trial monthly', price: 30000, interval: 'month', taxRateBp: 0, trialDays: 7 });
    const packPlan = await pack(h, { packSessions: 3 });
    const pay = async (id: number) => h.invoke('payments.record', { payerId: id, method: 'cash', amount: 100000 });
    const active = await member(h, 'A Active');
    await sell(h, active.id, plan.id);
    await pay(active.id);
    const trialing = await member(h, 'B Trial');
    await sell(h, trialing.id, trial.id);
    const paused = await member(h, 'C Paused');
    const p = await sell(h, paused.id, plan.id);
    await pay(paused.id);
    await h.invoke('subscriptions.pause', { id: p.subscription.id, effectiveDate: '2026-03-03', resumeDate: '2026-03-20' });
    const owing = await member(h, 'D Owing');
    await sell(h, owing.id, plan.id);
    const leaving = await member(h, 'E Leaving');
    const l = await sell(h, leaving.id, plan.id);
    await pay(leaving.id);
    await h.invoke('subscriptions.cancel', { id: l.subscription.id, mode: 'period_end' });
    const packer = await member(h, 'F Pack');
    await h.invoke('packs.sell', { memberId: packer.id, planId: packPlan.id });
    await pay(packer.id);
    const gone = await member(h, 'G Gone');
    const g = await sell(h, gone.id, plan.id);
    await pay(gone.id);
    await h.invoke('subscriptions.cancel', { id: g.subscription.id, mode: 'now', effectiveDate: '2026-03-03' });
    const nobody = await member(h, 'H Nobody');
    const kid = await member(h, 'I Kid', { payerId: owing.id });

    th.clock.setDate('2026-03-05');
    await h.invoke('billing.run', {});
    const early = Object.fromEntries((await h.invoke('members.list', { limit: 20 })).rows.map((r) => [r.name, r.badges]));
    expect([early['B Trial'], early['C Paused']]).toEqual([['trialing'], ['paused']]);
    for (let i = 0; i < 2; i++) {
      th.clock.setDate(`2026-03-0${6 + i}`);
      await h.invoke('checkin.checkIn', { memberId: packer.id });
    }
    th.clock.setDate('2026-03-20');
    await h.invoke('billing.run', {});
    const badges = Object.fromEntries((await h.invoke('members.list', { limit: 20 })).rows.map((r) => [r.name, r.badges]));
    expect(badges).toEqual({
      'A Active': ['active'],
      'B Trial': ['active', 'overdue'], // the first paid period was invoiced on Mar 9, due Mar 16
      'C Paused': ['active'],
      'D Owing': ['active', 'overdue'],
      'E Leaving': ['active', 'expiring'],
      'F Pack': ['active', 'expiring'], // 1 session of 3 left
      'G Gone': ['ended'],
      'H Nobody': [],
      'I Kid': ['overdue'],
    });
    expect((await h.invoke('members.search', { query: 'F Pack' }))[0]!.badges).toEqual(['active', 'expiring']);
    expect([nobody.name, kid.payerId]).toEqual(['H Nobody', owing.id]);
  });

  it('gives the page its payer, dependants, overdue amount and visits', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const parent = await member(h, '王芳', { phone: '13600003333' });
    const kid = await member(h, '王小明', { payerId: parent.id });
    await sell(h, kid.id, (await monthly(h)).id);
    th.clock.setDate('2026-03-12');
    const kidPage = await h.invoke('members.profile', { id: kid.id });
    expect(kidPage).toMatchObject({
      member: { id: kid.id, name: '王小明', payerId: parent.id },
      payer: { id: parent.id, name: '王芳', badges: ['overdue'] },
      dependants: [],
      badges: ['active', 'overdue'],
      overdue: { amount: 30000, days: 3 },
      visits: { total: 0, last: null },
      mergedFrom: [],
    });
    const parentPage = await h.invoke('members.profile', { id: parent.id });
    expect(parentPage.dependants.map((d) => [d.name, d.payerName])).toEqual([['王小明', '王芳']]);
    expect(await failure(h.invoke('members.profile', { id: 404 }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
