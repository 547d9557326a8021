// Daylight saving: a gym in London or Sydney. Every business date (check-in, payment, billing run,
// invoice issue and due dates, closeout day, the midnight job) is the local date, just before and
// just after local midnight on each 2026 transition day, where the UTC date and the local date differ.
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates';
import { billing, type Billing } from './billing/support';

let b: Billing | undefined;
afterEach(() => {
  b?.close();
  b = undefined;
});

interface Instant {
  utc: string;
  local: string;
}

/** The four instants around a transition day D: 23:30 on D-1, 00:30 on D, 23:30 on D, 00:30 on D+1 (local). */
const TRANSITIONS: { zone: string; start: string; instants: Instant[] }[] = [
  {
    zone: 'Europe/London', // clocks forward at 01:00 UTC on 29 March (GMT to BST)
    start: '2026-03-26',
    instants: [
      { utc: '2026-03-28T23:30:00.000Z', local: '2026-03-28' },
      { utc: '2026-03-29T00:30:00.000Z', local: '2026-03-29' },
      { utc: '2026-03-29T22:30:00.000Z', local: '2026-03-29' },
      { utc: '2026-03-29T23:30:00.000Z', local: '2026-03-30' },
    ],
  },
  {
    zone: 'Europe/London', // clocks back at 01:00 UTC on 25 October (BST to GMT)
    start: '2026-10-22',
    instants: [
      { utc: '2026-10-24T22:30:00.000Z', local: '2026-10-24' },
      { utc: '2026-10-24T23:30:00.000Z', local: '2026-10-25' },
      { utc: '2026-10-25T23:30:00.000Z', local: '2026-10-25' },
      { utc: '2026-10-26T00:30:00.000Z', local: '2026-10-26' },
    ],
  },
  {
    zone: 'Australia/Sydney', // clocks back at 03:00 local on 5 April (AEDT +11 to AEST +10)
    start: '2026-04-02',
    instants: [
      { utc: '2026-04-04T12:30:00.000Z', local: '2026-04-04' },
      { utc: '2026-04-04T13:30:00.000Z', local: '2026-04-05' },
      { utc: '2026-04-05T13:30:00.000Z', local: '2026-04-05' },
      { utc: '2026-04-05T14:30:00.000Z', local: '2026-04-06' },
    ],
  },
  {
    zone: 'Australia/Sydney', // clocks forward at 02:00 local on 4 October (AEST +10 to AEDT +11)
    start: '2026-10-01',
    instants: [
      { utc: '2026-10-03T13:30:00.000Z', local: '2026-10-03' },
      { utc: '2026-10-03T14:30:00.000Z', local: '2026-10-04' },
      { utc: '2026-10-04T12:30:00.000Z', local: '2026-10-04' },
      { utc: '2026-10-04T13:30:00.000Z', local: '2026-10-05' },
    ],
  },
];

/** What each desk action dated, at one instant. */
async function actAt(b: Billing, plan: number, n: number): Promise<string[]> {
  const h = b.th.host;
  const member = await b.member(`Member ${n}`);
  await b.subscribe(member, plan); // starts today: its first invoice is issued today
  const checkin = await h.invoke('checkin.checkIn', { memberId: member });
  const paid = await h.invoke('payments.record', { payerId: member, method: 'cash', amount: 30000, tendered: 30000 });
  const run = await h.invoke('billing.run', {});
  const inv = h.db.prepare<[number], { issue_date: string; due_date: string }>('SELECT issue_date, due_date FROM invoices WHERE payer_id = ? ORDER BY id LIMIT 1').get(member)!;
  return [(await h.invoke('system.info', {})).today, checkin.checkin!.date, paid.payment.date, run.asOf, inv.issue_date, inv.due_date];
}

describe('business dates across daylight-saving changes', () => {
  for (const t of TRANSITIONS) {
    it(`${t.zone} around ${t.instants[1]!.local}: every date is the local date, the midnight job runs at local midnight`, async () => {
      b = await billing(t.start, { timeZone: t.zone, paymentTermsDays: 7 });
      const h = b.th.host;
      const plan = await b.plan({ name: 'Gym', price: 30000 });
      let previous = '';
      for (const [n, at] of t.instants.entries()) {
        b.th.clock.set(at.utc);
        await h.scheduler.tick();
        const runs = await h.invoke('billing.runs', {});
        // The scheduler's midnight is the business's: a new local date, never the UTC one.
        expect([runs[0]!.trigger, runs[0]!.asOf]).toEqual([at.local === previous ? 'hourly' : 'midnight', at.local]);
        expect(await actAt(b, plan, n)).toEqual([at.local, at.local, at.local, at.local, at.local, addDays(at.local, 7)]);
        const day = await h.invoke('closeout.day', { date: at.local });
        expect([day.date, day.closed, day.expectedCash]).toEqual([at.local, false, at.local === previous ? 60000 : 30000]);
        // Closing the day at 23:30 local leaves the next local day open for the 00:30 payment.
        if (n % 2 === 0) {
          expect((await h.invoke('closeout.close', { date: at.local, countedCash: day.expectedCash })).closed).toBe(true);
        }
        previous = at.local;
      }
    });
  }

  it('the hour London repeats on 25 October gets one hourly run, and the date stays the 25th', async () => {
    b = await billing('2026-10-22', { timeZone: 'Europe/London' });
    const h = b.th.host;
    const runs = async () => (await h.invoke('billing.runs', { limit: 500 })).map((r) => `${r.trigger} ${r.asOf}`);
    b.th.clock.set('2026-10-24T23:30:00.000Z'); // 00:30 BST on the 25th
    await h.scheduler.tick();
    const before = await runs();
    expect(before[0]).toBe('midnight 2026-10-25');
    for (const utc of ['2026-10-25T00:10:00.000Z', '2026-10-25T01:10:00.000Z', '2026-10-25T01:50:00.000Z']) {
      b.th.clock.set(utc); // 01:10 BST, then 01:10 and 01:50 GMT: the same local hour
      await h.scheduler.tick();
    }
    expect(await runs()).toEqual(['hourly 2026-10-25', ...before]);
    b.th.clock.set('2026-10-25T02:00:30.000Z'); // 02:00 GMT
    await h.scheduler.tick();
    expect(await runs()).toEqual(['hourly 2026-10-25', 'hourly 2026-10-25', ...before]);
  });
});
