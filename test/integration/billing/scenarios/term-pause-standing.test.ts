import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../../shared/dates';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

/** What the engine will have done by the end of `d`: the pause, the term lengthened by it, the end. */
function engineOn(d: string): { status: string; block: string | null; endsOn: string | null } {
  if (d < '2026-03-10') return { status: 'paused', block: 'paused', endsOn: null };
  if (d < '2026-05-05') return { status: 'active', block: null, endsOn: '2026-05-05' };
  return { status: 'ended', block: 'ended', endsOn: '2026-05-05' };
}

describe('a fixed term lengthened by a pause: desk, check-in and engine agree every day', () => {
  it('3-period term sold 2026-01-05, paused 2026-02-10..2026-03-10, all paid: ends 2026-05-05 everywhere', async () => {
    b = await billing('2026-01-05');
    const h = b.th.host;
    const m = await b.member('Tess');
    const plan = await b.plan({ name: '3 months', price: 31000, termPeriods: 3, freezeDaysPerYear: 366 });
    const sub = await b.subscribe(m, plan);
    await b.runOn('2026-01-20');
    await h.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-02-10', resumeDate: '2026-03-10' });
    const payUp = async () => {
      const owed = (await b!.balance(m)).balance;
      if (owed > 0) b!.pay(m, owed);
    };
    await b.dailyTo('2026-02-28');
    await payUp();
    for (let d = '2026-03-01'; d <= '2026-05-10'; d = addDays(d, 1)) {
      b.th.clock.setDate(d);
      const expected = engineOn(d);
      // Before the day's run the desk already says what the run will make of the day.
      for (const when of ['before', 'after'] as const) {
        if (when === 'after') {
          await h.invoke('billing.run', {});
          await payUp();
          const s = await h.invoke('subscriptions.get', { id: sub });
          expect([d, s.status]).toEqual([d, expected.status]);
          // Once the engine has set the end, it is the one the desk showed all along.
          if (s.endDate !== null) expect([d, s.endDate]).toEqual([d, '2026-05-05']);
        }
        const check = await h.invoke('checkin.evaluate', { memberId: m });
        expect([d, when, check.blocks.map((x) => x.code)]).toEqual([d, when, expected.block ? [expected.block] : []]);
        if (expected.block === 'ended') expect([d, when, check.blocks[0]]).toEqual([d, when, { code: 'ended', on: '2026-05-05' }]);
        if (expected.block === null) {
          expect([d, when, check.entitlement?.endsOn]).toEqual([d, when, expected.endsOn]);
          const soon = d >= addDays('2026-05-05', -14);
          expect([d, when, check.warnings.some((w) => w.code === 'expires' && w.on === '2026-05-04')]).toEqual([d, when, soon]);
        }
        const badges = (await h.invoke('members.profile', { id: m })).badges;
        const want = expected.block === 'paused' ? ['paused'] : expected.block === 'ended' ? ['ended'] : d >= addDays('2026-05-05', -14) ? ['active', 'expiring'] : ['active'];
        expect([d, when, badges]).toEqual([d, when, want]);
      }
    }
    expect((await b.invoices()).map((i) => i.lines.map((l) => l.split(' | ')[0]))).toEqual([
      ['period 2026-01-05/2026-02-05 31000 = 31000 + 0'],
      ['period 2026-02-05/2026-02-10 5536 = 5536 + 0'],
      ['period 2026-03-10/2026-04-05 26000 = 26000 + 0'],
      ['period 2026-04-05/2026-05-05 31000 = 31000 + 0'],
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  }, 120_000);
});
