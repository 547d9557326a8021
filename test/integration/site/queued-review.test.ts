/**
 * Check-ins a connected desk kept while the main desk was unreachable (docs/site.md): sent once when
 * the link is back, judged by the main desk on arrival, and listed on the manager's review (the
 * audit log) like an override, with the desk and when each was made at its door; turned-away ones too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../electron/contract';
import { failure } from '../../support/host';
import { closeDesks, connectedDesk, mainDesk, restartSharingOn, signInOn, waitFor, type Desk } from '../../support/site';

let desks: Desk[] = [];
afterEach(async () => {
  await closeDesks(...desks);
  desks = [];
});

const replayedOf = (rows: AuditRow[]) => rows.filter((r) => (r.after as { replayed?: unknown } | null)?.replayed !== undefined);

/** A main desk and a signed-in connected desk, with the Gold plan and one member on it. */
async function twoDesks() {
  const main = await mainDesk('2026-03-02');
  const front = await connectedDesk(main, 'Front desk 2');
  desks = [main, front];
  await signInOn(front, 'Owner', '1234');
  const plan = await main.host.invoke('plans.create', { kind: 'recurring', name: 'Gold', price: 30000, interval: 'month', taxRateBp: 0 });
  const paid = await main.host.invoke('members.create', { name: '孙八' });
  await main.host.invoke('subscriptions.create', { memberId: paid.id, planId: plan.id, startDate: '2026-03-02' });
  return { main, front, paid };
}

/** The main desk stops sharing, `meanwhile` runs (the connected desk queues), then it is back on the same port and the queue is sent. */
async function awayThenBack({ main, front }: { main: Desk; front: Desk }, meanwhile: () => Promise<void>): Promise<void> {
  const port = main.site.server()!.port;
  await main.host.invoke('site.setSharing', { on: false });
  await meanwhile();
  await main.site.close();
  await restartSharingOn(main, port);
  await front.site.link()!.ready();
  await signInOn(front, 'Owner', '1234');
  await waitFor(() => (front.site.link()!.status().queued === 0 ? true : null));
}

describe('check-ins kept while the main desk is away', () => {
  it('go out once when it is back and are each listed once for review with the desk, the time at the door and the time of arrival', async () => {
    const { main, front, paid } = await twoDesks();
    const none = await main.host.invoke('members.create', { name: '周九' });
    // A check-in made on the main desk while all is well is not on the desk review.
    await front.host.invoke('checkin.checkIn', { memberId: paid.id });
    await main.host.invoke('checkin.undo', { id: (await main.host.invoke('checkin.today', { includeUndone: false }))[0]!.id, reason: 'test' });

    let before = '';
    let after = '';
    await awayThenBack({ main, front }, async () => {
      before = new Date().toISOString();
      expect(await failure(front.host.invoke('checkin.checkIn', { memberId: paid.id }))).toMatchObject({ code: 'CHECKIN_QUEUED', details: { queued: 1 } });
      expect(await failure(front.host.invoke('checkin.checkIn', { memberId: none.id }))).toMatchObject({ code: 'CHECKIN_QUEUED', details: { queued: 2 } });
      expect(await failure(front.host.invoke('checkin.checkIn', { query: 'Nobody here' }))).toMatchObject({ code: 'CHECKIN_QUEUED', details: { queued: 3 } });
      after = new Date().toISOString();
      // Twenty minutes later the main desk is back.
      main.th.clock.set('2026-03-02T01:20:00.000Z');
    });
    // A later call makes sure nothing goes out a second time.
    await front.host.invoke('members.list', {});

    const live = main.host.db.prepare('SELECT member_id, at, staff_name, override_reason FROM checkins WHERE undone_at IS NULL').all();
    expect(live).toEqual([{ member_id: paid.id, at: '2026-03-02T01:20:00.000Z', staff_name: 'Owner', override_reason: null }]);

    const review = replayedOf((await main.host.invoke('audit.query', { entity: 'checkin' })).rows).sort((a, b) => a.id - b.id);
    expect(review.map((r) => [r.channel, r.device, r.staffName, r.names.member])).toEqual([
      ['checkin.checkIn', 'Front desk 2', 'Owner', '孙八'],
      ['checkin.checkIn', 'Front desk 2', 'Owner', '周九'],
      ['checkin.checkIn', 'Front desk 2', 'Owner', null],
    ]);
    const [ok, refused, unknown] = review.map((r) => r.after as Record<string, unknown> & { replayed: { device: string; madeAt: string; arrivedAt: string } });
    for (const a of [ok!, refused!, unknown!]) {
      expect(a.replayed.device).toBe('Front desk 2');
      expect(a.replayed.arrivedAt).toBe('2026-03-02T01:20:00.000Z');
      expect(a.replayed.madeAt >= before && a.replayed.madeAt <= after).toBe(true);
    }
    expect(ok).toMatchObject({ memberId: paid.id, planName: 'Gold', overrideReason: null });
    expect(refused).toMatchObject({ memberId: none.id, outcome: 'blocked', blocks: [{ code: 'no_membership' }] });
    expect(unknown).toMatchObject({ memberId: null, query: 'Nobody here', outcome: 'no_match', blocks: [] });
    // The day's list says where and when it was made at the door; the time it counts from is its arrival.
    const [counted, ...rest] = await main.host.invoke('checkin.today', { includeUndone: true });
    expect(counted).toMatchObject({ memberId: paid.id, at: '2026-03-02T01:20:00.000Z', kept: { device: 'Front desk 2', at: ok!.replayed.madeAt } });
    // The one made while all was well (then undone) carries no such mark.
    expect(rest.map((c) => c.kept)).toEqual([null]);
    // The counted one has its one audit entry, not a second plain one.
    const checkinId = counted!.id;
    // The schema keeps the two together: a desk without a moment (or the reverse) is refused.
    expect(() => main.host.db.prepare('UPDATE checkins SET kept_at = NULL WHERE id = ?').run(checkinId)).toThrow(/CHECK constraint failed/);
    expect(main.host.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'checkin' AND entity_id = ?").get(String(checkinId))).toEqual({ n: 1 });
  });

  it('a check-in for a member merged while it waited counts on the record kept; one for a member the main desk does not know is reviewed, not dropped', async () => {
    const { main, front, paid: keep } = await twoDesks();
    const dup = await main.host.invoke('members.create', { name: '孙八 (2)' });
    await awayThenBack({ main, front }, async () => {
      expect(await failure(front.host.invoke('checkin.checkIn', { memberId: dup.id }))).toMatchObject({ code: 'CHECKIN_QUEUED', details: { queued: 1 } });
      expect(await failure(front.host.invoke('checkin.checkIn', { memberId: 99999 }))).toMatchObject({ code: 'CHECKIN_QUEUED', details: { queued: 2 } });
      // Meanwhile the main desk merges the duplicate into the member kept.
      await main.host.invoke('members.merge', { keepId: keep.id, mergeId: dup.id });
    });

    const live = main.host.db.prepare('SELECT member_id FROM checkins WHERE undone_at IS NULL').all();
    expect(live).toEqual([{ member_id: keep.id }]);
    const review = replayedOf((await main.host.invoke('audit.query', { entity: 'checkin' })).rows).sort((a, b) => a.id - b.id);
    expect(review.map((r) => r.after)).toEqual([
      expect.objectContaining({ memberId: keep.id, planName: 'Gold', mergedFrom: dup.id }),
      expect.objectContaining({ memberId: 99999, outcome: 'no_match', blocks: [] }),
    ]);
    expect(review.map((r) => (r.after as { replayed: { device: string } }).replayed.device)).toEqual(['Front desk 2', 'Front desk 2']);
  });
});
