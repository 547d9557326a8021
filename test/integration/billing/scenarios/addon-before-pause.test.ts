import { afterEach, describe, expect, it } from 'vitest';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('an add-on added while a pause is booked', () => {
  it('is charged only up to the pause, then with the periods after the resume', async () => {
    b = await billing('2026-01-01');
    const m = await b.member('Ada');
    const sub = await b.subscribe(m, await b.plan({ name: 'Gym', price: 31000, freezeDaysPerYear: 366 }));
    await b.th.host.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-01-05', resumeDate: '2026-02-02' });
    await b.th.host.invoke('subscriptions.addAddon', { id: sub, name: 'Towel', price: 3100, taxRateBp: 0 });
    await b.runOn('2026-02-02');
    expect((await b.invoices()).map((i) => [i.issued, i.lines])).toEqual([
      ['2026-01-01', ['period 2026-01-01/2026-02-01 31000 = 31000 + 0 | Gym']],
      ['2026-01-01', ['addon 2026-01-01/2026-01-05 400 = 400 + 0 | Towel']],
      ['2026-02-02', ['period 2026-02-02/2026-03-01 29893 = 29893 + 0 | Gym', 'addon 2026-02-02/2026-03-01 2989 = 2989 + 0 | Towel']],
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
