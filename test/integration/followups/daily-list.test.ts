/**
 * The daily follow-up (回访) list on a seeded business equals what each rule selects, computed here
 * independently: the test reads the raw rows and applies the rules in plain TypeScript.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates';
import type { RenewalItem } from '../../../electron/contract/followup';
import type { TestHost } from '../../support/host';
import { deskHost, member, monthly, pack } from '../desk/fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

const TODAY = '2026-06-10'; // a Wednesday: the birthday week runs 06-08 .. 06-14

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sub { id: number; member_id: number; start_date: string; status: string; end_date: string | null }
interface Pack { id: number; member_id: number; sessions_total: number; start_date: string; expires_on: string }
interface Pause { subscription_id: number; start_date: string; end_date: string | null; resumed_on: string | null }
interface Checkin { member_id: number; date: string; pack_id: number | null; undone_at: string | null }
interface MemberRow { id: number; birthday: string | null; merged_into: number | null }

/** Seeds members, memberships, packs, visits and freezes spread around TODAY (straight into the tables). */
async function seed(t: TestHost, seedNo: number) {
  const rnd = random(seedNo);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const day = (from: number, to: number) => addDays(TODAY, from + Math.floor(rnd() * (to - from + 1)));
  const h = t.host;
  const plan = (await monthly(h)).id;
  const packPlan = (await pack(h)).id;
  const db = h.db;
  const now = '2026-06-01T00:00:00.000Z';
  const insSub = db.prepare(
    `INSERT INTO subscriptions (member_id, plan_id, price, tax_rate_bp, interval, interval_count, alignment, start_date, anchor_date, status, end_date, created_at, updated_at)
     VALUES (?, ?, 30000, 0, 'month', 1, 'anniversary', ?, ?, ?, ?, ?, ?)`,
  );
  const insPack = db.prepare(`INSERT INTO member_packs (member_id, plan_id, sessions_total, start_date, expires_on, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const insPause = db.prepare(`INSERT INTO subscription_pauses (subscription_id, start_date, end_date, resumed_on, created_at, mode) VALUES (?, ?, ?, ?, ?, 'extend')`);
  const insCheckin = db.prepare(`INSERT INTO checkins (member_id, date, at, pack_id, undone_at, undone_by) VALUES (?, ?, ?, ?, ?, ?)`);
  const ids: number[] = [];
  for (let i = 0; i < 160; i++) {
    const md = pick(['06-07', '06-08', '06-10', '06-14', '06-15', '02-29', '12-31']);
    const birthday = rnd() < 0.5 ? `${md === '02-29' ? 1992 : 1970 + Math.floor(rnd() * 40)}-${md}` : null;
    ids.push((await member(h, `M${String(i).padStart(3, '0')}`, { phone: `1380000${String(i).padStart(4, '0')}`, birthday })).id);
  }
  for (const id of ids) {
    const subs = Math.floor(rnd() * 3);
    for (let k = 0; k < subs; k++) {
      const start = day(-60, 2);
      const status = pick(['active', 'active', 'trialing', 'paused', 'cancelled', 'ended'] as const);
      const end = rnd() < 0.5 ? null : day(-3, 25);
      const subId = Number(insSub.run(id, plan, start, start, status, end && end > start ? end : null, now, now).lastInsertRowid);
      if (status === 'paused' || rnd() < 0.15) {
        const from = day(-20, 1);
        insPause.run(subId, from, rnd() < 0.2 ? null : addDays(from, 1 + Math.floor(rnd() * 25)), rnd() < 0.15 ? day(-5, 0) : null, now);
      }
    }
    const packs = Math.floor(rnd() * 2.4);
    for (let k = 0; k < packs; k++) {
      const start = day(-40, 1);
      const packId = Number(insPack.run(id, packPlan, 1 + Math.floor(rnd() * 6), start, addDays(start, 10 + Math.floor(rnd() * 50)), now).lastInsertRowid);
      const used = Math.floor(rnd() * 6);
      for (let u = 0; u < used; u++) {
        const undone = rnd() < 0.2;
        insCheckin.run(id, day(-30, 0), now, packId, undone ? now : null, undone ? 'Owner' : null);
      }
    }
    const visits = Math.floor(rnd() * 3);
    for (let v = 0; v < visits; v++) {
      const undone = rnd() < 0.2;
      insCheckin.run(id, day(-40, 0), now, null, undone ? now : null, undone ? 'Owner' : null);
    }
  }
  // Two members merged into others: never listed.
  db.prepare('UPDATE members SET merged_into = ? WHERE id = ?').run(ids[0], ids[1]);
  db.prepare('UPDATE members SET merged_into = ? WHERE id = ?').run(ids[2], ids[3]);
  // The hand-made cases every seed holds, so every rule selects someone.
  const sure = async (name: string, birthday: string | null = null) => (await member(h, name, { birthday })).id;
  const ending = await sure('Ends in five days');
  insSub.run(ending, plan, '2026-05-16', '2026-05-16', 'active', '2026-06-16', now, now);
  insCheckin.run(ending, '2026-06-09', now, null, null, null);
  const newSeven = await sure('New a week ago');
  insSub.run(newSeven, plan, '2026-06-03', '2026-06-03', 'active', null, now, now);
  const newThirty = await sure('New a month ago');
  insPack.run(newThirty, packPlan, 10, '2026-05-11', '2026-08-09', now);
  const frozen = await sure('Frozen till Saturday');
  const frozenSub = Number(insSub.run(frozen, plan, '2026-04-01', '2026-04-01', 'paused', null, now, now).lastInsertRowid);
  insPause.run(frozenSub, '2026-06-01', '2026-06-13', null, now);
  await sure('Birthday Sunday', '1990-06-14');
  const low = await sure('One session left');
  const lowPack = Number(insPack.run(low, packPlan, 2, '2026-06-01', '2026-07-01', now).lastInsertRowid);
  insCheckin.run(low, '2026-06-05', now, lowPack, null, null);
  const asleep = await sure('Not seen for weeks');
  insSub.run(asleep, plan, '2026-03-01', '2026-03-01', 'active', null, now, now);
  insCheckin.run(asleep, '2026-05-20', now, null, null, null);
}

/** The rules applied in plain TypeScript to the raw rows (default settings). */
function expected(t: TestHost): string[] {
  const db = t.host.db;
  const members = db.prepare('SELECT id, birthday, merged_into FROM members').all() as MemberRow[];
  const subs = db.prepare('SELECT id, member_id, start_date, status, end_date FROM subscriptions').all() as Sub[];
  const packs = db.prepare('SELECT id, member_id, sessions_total, start_date, expires_on FROM member_packs').all() as Pack[];
  const pauses = db.prepare('SELECT subscription_id, start_date, end_date, resumed_on FROM subscription_pauses').all() as Pause[];
  const checkins = db.prepare('SELECT member_id, date, pack_id, undone_at FROM checkins').all() as Checkin[];
  const live = (s: Sub) => ['trialing', 'active', 'paused'].includes(s.status);
  const left = (p: Pack) => p.sessions_total - checkins.filter((c) => c.pack_id === p.id && c.undone_at === null).length;
  const diff = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
  const out: string[] = [];
  const item = (id: number, reason: string, date: string | null, days: number, sessions: number | null = null) => out.push(`${id} ${reason} ${date} ${days} ${sessions}`);
  const min = (xs: string[]) => [...xs].sort()[0];
  for (const m of members.filter((x) => x.merged_into === null)) {
    const mine = subs.filter((s) => s.member_id === m.id);
    const myPacks = packs.filter((p) => p.member_id === m.id);
    // Membership ending within 14 days (last day = end_date - 1), unless another live membership runs on past it.
    const ends = mine
      .filter((s) => live(s) && s.end_date !== null && s.end_date > TODAY && s.end_date <= addDays(TODAY, 15))
      .filter((s) => !mine.some((o) => o.id !== s.id && live(o) && (o.end_date === null || o.end_date > s.end_date!)))
      .map((s) => s.end_date!);
    if (ends.length) item(m.id, 'membership_ending', addDays(min(ends)!, -1), diff(TODAY, addDays(min(ends)!, -1)));
    const noLaterPack = (p: Pack) => !myPacks.some((o) => o.id > p.id && o.expires_on > TODAY);
    // Pack ending within 14 days with sessions left.
    const packEnds = myPacks.filter((p) => p.expires_on > TODAY && p.expires_on <= addDays(TODAY, 15) && p.start_date <= TODAY && left(p) > 0 && noLaterPack(p));
    if (packEnds.length) {
      const first = packEnds.sort((a, b) => a.expires_on.localeCompare(b.expires_on) || a.id - b.id)[0]!;
      item(m.id, 'pack_ending', addDays(first.expires_on, -1), diff(TODAY, addDays(first.expires_on, -1)), left(first));
    }
    // Pack with 2 or fewer sessions left.
    const lows = myPacks.filter((p) => p.expires_on > TODAY && p.start_date <= TODAY && left(p) <= 2 && noLaterPack(p));
    if (lows.length) {
      const lowest = lows.sort((a, b) => left(a) - left(b) || a.id - b.id)[0]!;
      item(m.id, 'pack_low', addDays(lowest.expires_on, -1), diff(TODAY, addDays(lowest.expires_on, -1)), left(lowest));
    }
    // No visit for 14 days while a membership runs (not frozen).
    const running = mine.filter((s) => ['trialing', 'active'].includes(s.status) && s.start_date <= TODAY && (s.end_date === null || s.end_date > TODAY));
    if (running.length) {
      const since = min(running.map((s) => s.start_date))!;
      const visits = checkins.filter((c) => c.member_id === m.id && c.undone_at === null).map((c) => c.date).sort();
      const last = visits.at(-1) ?? null;
      if ((last ?? since) <= addDays(TODAY, -14)) item(m.id, 'no_visit', last, diff(last ?? since, TODAY));
    }
    // New member on day 7 or day 30 after the first start of anything.
    const starts = [...mine.map((s) => s.start_date), ...myPacks.map((p) => p.start_date)];
    if (starts.length) {
      const first = min(starts)!;
      if (first === addDays(TODAY, -7) || first === addDays(TODAY, -30)) item(m.id, 'new_member', first, diff(first, TODAY));
    }
    // Freeze ending within 3 days.
    const thaws = pauses
      .filter((z) => mine.some((s) => s.id === z.subscription_id && s.status === 'paused'))
      .filter((z) => z.end_date !== null && z.resumed_on === null && z.start_date <= TODAY && z.end_date > TODAY && z.end_date <= addDays(TODAY, 3))
      .map((z) => z.end_date!);
    if (thaws.length) item(m.id, 'freeze_ending', min(thaws)!, diff(TODAY, min(thaws)!));
    // Birthday this week (Monday 06-08 to Sunday 06-14; 2026 has no 29 February, but that week is far away).
    if (m.birthday) {
      const md = m.birthday.slice(5);
      const week = ['06-08', '06-09', '06-10', '06-11', '06-12', '06-13', '06-14'];
      if (week.includes(md)) item(m.id, 'birthday', `2026-${md}`, diff(TODAY, `2026-${md}`));
    }
  }
  return out.sort();
}

const shown = (items: RenewalItem[]) => items.map((i) => `${i.memberId} ${i.reason} ${i.date} ${i.days} ${i.sessionsLeft}`).sort();

describe('the daily follow-up list', () => {
  for (const seedNo of [1, 2, 3]) {
    it(`equals what each rule selects on a seeded business (seed ${seedNo})`, async () => {
      th = await deskHost('2026-06-01');
      await seed(th, seedNo);
      th.clock.setDate(TODAY);
      const list = await th.host.invoke('renewals.today', {});
      expect(list.date).toBe(TODAY);
      const want = expected(th);
      expect(shown(list.items)).toEqual(want);
      // Every rule selected someone, so none of the comparisons above is empty.
      const reasons = new Set(list.items.map((i) => i.reason));
      expect([...reasons].sort()).toEqual(['birthday', 'freeze_ending', 'membership_ending', 'new_member', 'no_visit', 'pack_ending', 'pack_low']);
      // One item per member per reason.
      expect(new Set(list.items.map((i) => `${i.memberId}:${i.reason}`)).size).toBe(list.items.length);
    });
  }

  it('shows the exact facts of the hand-made members, and a rule switched off selects no one', async () => {
    th = await deskHost('2026-06-01');
    await seed(th, 7);
    th.clock.setDate(TODAY);
    const byName = async (name: string) => (await th!.host.invoke('renewals.today', {})).items.filter((i) => i.memberName === name).map((i) => [i.reason, i.date, i.days, i.sessionsLeft]);
    expect(await byName('Ends in five days')).toEqual([['membership_ending', '2026-06-15', 5, null]]);
    expect(await byName('New a week ago')).toEqual([['new_member', '2026-06-03', 7, null]]);
    expect(await byName('New a month ago')).toEqual([['new_member', '2026-05-11', 30, null]]);
    expect(await byName('Frozen till Saturday')).toEqual([['freeze_ending', '2026-06-13', 3, null]]);
    expect(await byName('Birthday Sunday')).toEqual([['birthday', '2026-06-14', 4, null]]);
    expect(await byName('One session left')).toEqual([['pack_low', '2026-06-30', 20, 1]]);
    expect(await byName('Not seen for weeks')).toEqual([['no_visit', '2026-05-20', 21, null]]);

    const rules = (await th.host.invoke('settings.get', {})).followUpRules;
    await th.host.invoke('settings.update', { followUpRules: { ...rules, birthday: { on: false }, membershipEnding: { on: true, days: 4 } } });
    const items = (await th.host.invoke('renewals.today', {})).items;
    expect(items.filter((i) => i.reason === 'birthday')).toEqual([]);
    expect(items.some((i) => i.memberName === 'Ends in five days')).toBe(false);
    // The day after, day 7 has passed for the new member.
    th.clock.setDate('2026-06-11');
    expect(await byName('New a week ago')).toEqual([]);
  });
});
