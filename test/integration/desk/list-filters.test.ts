/**
 * The member list's filters (members.list with `filter`): status, tag, ends within 7 days, overdue, combined,
 * and the date column (`due`). A seeded gym of members in every state; each filter's expected names are written
 * out by hand from what was sold, and checked twice: before the day's billing run (the members whose
 * subscriptions are due today are judged with the state machine) and after it (all from stored columns).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/host/host';
import { databaseHash, failure, type TestHost } from '../../support/host';
import { deskHost, member, monthly, pack, sell } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

type Filter = { status?: 'active' | 'trialing' | 'paused' | 'ended' | 'none'; tag?: string; endsSoon?: boolean; overdue?: boolean };

async function names(h: Host, filter: Filter, limit = 3): Promise<{ total: number | null; names: string[] }> {
  // Read in small pages (keyset paging after a cursor) so the filter is checked across pages too.
  const out: string[] = [];
  let total: number | null = null;
  let after: { key: string | null; id: number } | undefined;
  for (;;) {
    const r = await h.invoke('members.list', { sort: 'name', limit, filter, count: after === undefined, ...(after ? { after } : {}) });
    if (after === undefined) total = r.total;
    out.push(...r.rows.map((m) => m.name));
    if (!r.next) return { total, names: out };
    after = r.next;
  }
}

/**
 * Sold on 2026-03-02, looked at on 2026-03-27:
 *   Ann    monthly, open-ended, paid          → active, next bill 04-02
 *   Bob    monthly, cancel at period end      → active, ends 04-02 (within 7 days of 03-27), unpaid → overdue
 *   Cai    fixed 1-month term (no renewal)    → active, ends 04-02, paid
 *   Dan    monthly, frozen 03-10 … 04-20      → paused, paid
 *   Eve    trial of 30 days, from 03-02       → trialing (first bill 04-01), tag vip
 *   Fay    10-class pack (90 days), paid      → active, ends 05-31
 *   Gus    monthly, cancelled now on 03-05    → ended 03-05, tag vip
 *   Hal    no plan                            → none, tag vip
 *   Ivy    pack expiring 03-30, paid          → active, ends 03-30
 */
async function gym(h: Host) {
  const gymPlan = await monthly(h);
  const term = await h.invoke('plans.create', { kind: 'recurring', name: 'One month', price: 20000, interval: 'month', taxRateBp: 0, termPeriods: 1 });
  const trial = await monthly(h, { name: 'Trial gym', ...({ trialDays: 30 } as object) });
  const classes = await pack(h);
  const short = await pack(h, { name: 'Short pack', packValidDays: 28 });
  const pay = (payerId: number, amount: number) => h.invoke('payments.record', { payerId, method: 'cash', amount });

  const ann = await member(h, 'Ann');
  await sell(h, ann.id, gymPlan.id);
  await pay(ann.id, 30000);
  const bob = await member(h, 'Bob');
  const bobSub = await sell(h, bob.id, gymPlan.id);
  await h.invoke('subscriptions.cancel', { id: bobSub.subscription.id, mode: 'period_end' });
  const cai = await member(h, 'Cai');
  await sell(h, cai.id, term.id);
  await pay(cai.id, 20000);
  const dan = await member(h, 'Dan');
  const danSub = await sell(h, dan.id, gymPlan.id);
  await pay(dan.id, 30000);
  const eve = await member(h, 'Eve', { tags: ['vip'] });
  await sell(h, eve.id, trial.id);
  const fay = await member(h, 'Fay', { tags: ['morning'] });
  await h.invoke('packs.sell', { memberId: fay.id, planId: classes.id });
  await pay(fay.id, 80000);
  const gus = await member(h, 'Gus', { tags: ['vip', 'morning'] });
  const gusSub = await sell(h, gus.id, gymPlan.id);
  await pay(gus.id, 30000);
  await member(h, 'Hal', { tags: ['vip'] });
  const ivy = await member(h, 'Ivy');
  await h.invoke('packs.sell', { memberId: ivy.id, planId: short.id });
  await pay(ivy.id, 80000);

  th!.clock.setDate('2026-03-05');
  await h.invoke('subscriptions.cancel', { id: gusSub.subscription.id, mode: 'now', effectiveDate: '2026-03-05' });
  await h.invoke('subscriptions.pause', { id: danSub.subscription.id, effectiveDate: '2026-03-10', resumeDate: '2026-04-20' });
}

/** Every filter's expected members on 2026-03-27 (by hand, from the table above). */
const EXPECTED: [Filter, string[]][] = [
  [{}, ['Ann', 'Bob', 'Cai', 'Dan', 'Eve', 'Fay', 'Gus', 'Hal', 'Ivy']],
  [{ status: 'active' }, ['Ann', 'Bob', 'Cai', 'Fay', 'Ivy']],
  [{ status: 'trialing' }, ['Eve']],
  [{ status: 'paused' }, ['Dan']],
  [{ status: 'ended' }, ['Gus']],
  [{ status: 'none' }, ['Hal']],
  [{ tag: 'vip' }, ['Eve', 'Gus', 'Hal']],
  [{ tag: 'morning' }, ['Fay', 'Gus']],
  [{ endsSoon: true }, ['Bob', 'Cai', 'Ivy']],
  [{ overdue: true }, ['Bob']],
  [{ status: 'active', endsSoon: true }, ['Bob', 'Cai', 'Ivy']],
  [{ status: 'active', overdue: true, endsSoon: true }, ['Bob']],
  [{ tag: 'vip', status: 'ended' }, ['Gus']],
  [{ tag: 'vip', status: 'active' }, []],
  [{ tag: 'nobody' }, []],
];

describe('member list filters', () => {
  it('filter a seeded gym exactly, before and after the day’s billing run, across pages', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    await gym(h);
    // Bob's invoice (issued 03-02) is past due by 03-27; the others were paid. Eve's trial bills only on 04-01.
    th.clock.setDate('2026-03-27');
    for (const [filter, want] of EXPECTED) expect(await names(h, filter), JSON.stringify(filter)).toEqual({ total: want.length, names: want });

    // The run of 03-27 steps nothing new here, but the members due before it were judged in code; now all is stored.
    await h.invoke('billing.run', {});
    for (const [filter, want] of EXPECTED) expect(await names(h, filter), JSON.stringify(filter)).toEqual({ total: want.length, names: want });
  });

  it('agree with the badges the list shows on a day the run has not reached yet', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    await gym(h);
    // 04-03: Bob's and Cai's plans ended on 04-02, Ann's renewed (not billed yet: the run has not run), Eve's trial is over.
    th.clock.setDate('2026-04-03');
    const all = (await h.invoke('members.list', { limit: 100 })).rows;
    const withBadge = (b: string) => all.filter((m) => m.badges.includes(b as never)).map((m) => m.name);
    expect(withBadge('active')).toEqual(['Ann', 'Eve', 'Fay']);
    expect(withBadge('ended')).toEqual(['Bob', 'Cai', 'Gus', 'Ivy']);
    for (const status of ['active', 'trialing', 'paused', 'ended'] as const) {
      expect((await names(h, { status })).names, status).toEqual(withBadge(status));
    }
    expect((await names(h, { endsSoon: true })).names).toEqual([]);
    await h.invoke('billing.run', {});
    for (const status of ['active', 'trialing', 'paused', 'ended'] as const) {
      expect((await names(h, { status })).names, status).toEqual(withBadge(status));
    }
  });

  it('show each member’s end or next bill date', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    await gym(h);
    th.clock.setDate('2026-03-27');
    const due = Object.fromEntries((await h.invoke('members.list', { limit: 100 })).rows.map((m) => [m.name, m.due]));
    expect(due).toEqual({
      Ann: { kind: 'bills', date: '2026-04-02' },
      Bob: { kind: 'ends', date: '2026-04-02' },
      Cai: { kind: 'ends', date: '2026-04-02' },
      Dan: { kind: 'bills', date: '2026-04-20' },
      Eve: { kind: 'bills', date: '2026-04-01' },
      Fay: { kind: 'ends', date: '2026-05-31' },
      Gus: { kind: 'ended', date: '2026-03-05' },
      Hal: null,
      Ivy: { kind: 'ends', date: '2026-03-30' },
    });
  });

  it('search within the filters', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    await gym(h);
    th.clock.setDate('2026-03-27');
    const hits = async (query: string, filter?: Filter) => (await h.invoke('members.search', { query, ...(filter ? { filter } : {}) })).map((m) => m.name);
    expect(await hits('dan')).toEqual(['Dan']);
    expect(await hits('dan', { status: 'paused' })).toEqual(['Dan']);
    expect(await hits('dan', { status: 'active' })).toEqual([]);
    expect(await hits('eve', { tag: 'vip' })).toEqual(['Eve']);
    expect(await hits('eve', { tag: 'morning' })).toEqual([]);
    expect(await hits('ann', { overdue: true })).toEqual([]);
    expect(await hits('bob', { status: 'active', endsSoon: true, overdue: true })).toEqual(['Bob']);
    expect(await hits('gus', { status: 'ended', tag: 'morning' })).toEqual(['Gus']);
    expect((await failure(h.invoke('members.search', { query: 'a', filter: { status: 'gone' } } as never))).code).toBe('VALIDATION');
  });

  it('offer the tags live members carry', async () => {
    th = await deskHost('2026-03-02');
    await gym(th.host);
    expect(await th.host.invoke('members.tags', {})).toEqual(['morning', 'vip']);
  });

  it('refuse bad filters and change nothing', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    await gym(h);
    const before = databaseHash(h.db);
    for (const [filter, field] of [
      [{ status: 'frozen' }, 'filter.status'],
      [{ status: 'active', colour: 'red' }, 'filter'],
      [{ tag: '' }, 'filter.tag'],
      [{ tag: 'x'.repeat(31) }, 'filter.tag'],
      [{ endsSoon: 'yes' }, 'filter.endsSoon'],
      [{ overdue: 1 }, 'filter.overdue'],
      ['vip', 'filter'],
    ] as const) {
      const e = await failure(h.invoke('members.list', { filter } as never));
      expect(e.code, JSON.stringify(filter)).toBe('VALIDATION');
      expect(JSON.stringify(e.details), JSON.stringify(filter)).toContain(field);
    }
    expect(databaseHash(h.db)).toBe(before);
  });
});
