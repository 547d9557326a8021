/**
 * The desk's lesson views: what a leave or a cancellation would do before it is confirmed, the
 * sessions open ahead, the lessons left in a session's roll, and the parent's statement.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/host/host';
import { databaseHash, failure, type TestHost } from '../../support/host';
import { member, pack } from '../desk/fixtures';
import { as, classesHost, classType, local, mathsWithPack, rules, weekly } from './fixtures';

let th: TestHost;
beforeEach(async () => {
  th = await classesHost('2027-03-01'); // Monday
});
afterEach(() => th.close());

/** 王小明 with 48 课时 in 周六数学A班 (2 课时 a lesson, 24-hour cut-off, late leave deducted), and a Sunday review class. */
async function seed(host: Host) {
  const { lessonPack, maths } = await mathsWithPack(host);
  const saturday = await weekly(host, maths.id, {
    name: '周六数学A班',
    holidays: ['2027-04-03', '2027-05-01'],
  });
  const review = await classType(host, { name: '数学复习', units: 1, capacity: 2 });
  await rules(host, review.id, { cutoffHours: 12, lateCancelRule: 'fee', lateCancelFee: 5000 });
  const sunday = await weekly(host, review.id, {
    name: '周日复习班',
    weekdays: [0],
    startTime: '10:00',
    termStart: '2027-03-07',
    termEnd: '2027-06-27',
  });
  const xm = await member(host, '王小明');
  const sold = await host.invoke('packs.sell', { memberId: xm.id, planId: lessonPack.id });
  const enrolment = await host.invoke('classes.enrol', {
    memberId: xm.id,
    scheduleId: saturday.id,
    packId: sold.pack.id,
  });
  const lesson = async (date: string) =>
    (await host.invoke('classes.memberBookings', { memberId: xm.id, from: '2027-03-01' })).find(
      (b) => b.date === date,
    )!;
  const sessionOn = async (date: string, scheduleId: number) =>
    (await host.invoke('classes.day', { date })).sessions.find((s) => s.scheduleId === scheduleId)!;
  return { xm, sold, enrolment, saturday, sunday, lesson, sessionOn };
}

const hash = (host: Host) => databaseHash(host.db, { ignoreSignIns: true });

/** The statement's visible text, one space between words. */
const text = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('classes.cancelPreview', () => {
  it('says in time up to the cut-off minute, late after it with the class rule, and changes nothing', async () => {
    const { host, clock } = th;
    const { lesson } = await seed(host);
    const b = await lesson('2027-03-20');
    clock.set(local('2027-03-18', '09:00'));
    const asDesk = await as(host, 'desk', () =>
      host.invoke('classes.cancelPreview', { bookingId: b.id }),
    );
    const before = hash(host);
    expect(await host.invoke('classes.cancelPreview', { bookingId: b.id })).toEqual(asDesk);
    expect(asDesk).toEqual({
      bookingId: b.id,
      timing: 'in_time',
      cutoffAt: '2027-03-19 09:00',
      cutoffHours: 24,
      rule: 'deduct',
      fee: 0,
      units: 2,
      leave: true,
    });
    clock.set(local('2027-03-19', '09:00'));
    expect((await host.invoke('classes.cancelPreview', { bookingId: b.id })).timing).toBe(
      'in_time',
    );
    clock.set(local('2027-03-19', '09:01'));
    expect((await host.invoke('classes.cancelPreview', { bookingId: b.id })).timing).toBe('late');
    expect(hash(host)).toBe(before);
    // And the cancellation does what the preview said: late leave, 2 课时 used.
    expect((await host.invoke('classes.cancelBooking', { bookingId: b.id })).booking).toMatchObject(
      { status: 'late_cancelled', unitsUsed: 2 },
    );
  });

  it('for a plain booking names the fee; a waitlisted place is just leaving the line', async () => {
    const { host, clock } = th;
    const { sunday, sessionOn } = await seed(host);
    const monthlyPack = await pack(host, { name: '10 classes' });
    const people = [];
    for (const name of ['A', 'B', 'C']) {
      const m = await member(host, name);
      await host.invoke('packs.sell', { memberId: m.id, planId: monthlyPack.id });
      people.push(m);
    }
    const s = await sessionOn('2027-03-07', sunday.id);
    const [a] = await host.invoke('classes.book', {
      sessionId: s.id,
      memberIds: [people[0]!.id, people[1]!.id],
    });
    const [c] = await host.invoke('classes.book', {
      sessionId: s.id,
      memberIds: [people[2]!.id],
      waitlist: true,
    });
    clock.set(local('2027-03-07', '08:00'));
    expect(await host.invoke('classes.cancelPreview', { bookingId: a!.id })).toMatchObject({
      timing: 'late',
      cutoffAt: '2027-03-06 22:00',
      rule: 'fee',
      fee: 5000,
      units: 1,
      leave: false,
    });
    expect(await host.invoke('classes.cancelPreview', { bookingId: c!.id })).toMatchObject({
      timing: 'line',
      leave: false,
    });
  });

  it('refuses a bad id, a booking already cancelled and a session that has started', async () => {
    const { host, clock } = th;
    const { lesson } = await seed(host);
    const b = await lesson('2027-03-06');
    expect(await failure(host.invoke('classes.cancelPreview', { bookingId: 0 }))).toMatchObject({
      code: 'VALIDATION',
    });
    expect(
      await failure(host.invoke('classes.cancelPreview', { bookingId: 'x' } as never)),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(await failure(host.invoke('classes.cancelPreview', { bookingId: 99999 }))).toMatchObject(
      { code: 'NOT_FOUND' },
    );
    clock.set(local('2027-03-06', '09:00'));
    expect(await failure(host.invoke('classes.cancelPreview', { bookingId: b.id }))).toMatchObject({
      code: 'CLASS_STARTED',
    });
    const next = await lesson('2027-03-13');
    await host.invoke('classes.cancelBooking', { bookingId: next.id });
    expect(
      await failure(host.invoke('classes.cancelPreview', { bookingId: next.id })),
    ).toMatchObject({ code: 'CLASS_BOOKING_STATE' });
  });
});

describe('classes.upcoming', () => {
  it('lists the scheduled sessions of the next days that have not started, in time order', async () => {
    const { host, clock } = th;
    await seed(host);
    const list = await as(host, 'desk', () => host.invoke('classes.upcoming', { days: 14 }));
    expect(list.map((s) => `${s.date} ${s.startTime} ${s.scheduleName}`)).toEqual([
      '2027-03-06 09:00 周六数学A班',
      '2027-03-07 10:00 周日复习班',
      '2027-03-13 09:00 周六数学A班',
      '2027-03-14 10:00 周日复习班',
    ]);
    clock.set(local('2027-03-06', '09:00'));
    expect((await host.invoke('classes.upcoming', { days: 2 })).map((s) => s.date)).toEqual([
      '2027-03-07',
    ]);
    expect(await failure(host.invoke('classes.upcoming', { days: 0 }))).toMatchObject({
      code: 'VALIDATION',
    });
    expect(await failure(host.invoke('classes.upcoming', { days: 63 }))).toMatchObject({
      code: 'VALIDATION',
    });
    expect(
      await failure(host.invoke('classes.upcoming', { days: 3, extra: 1 } as never)),
    ).toMatchObject({ code: 'VALIDATION' });
  });
});

describe('classes.rollLessons', () => {
  it("gives each enrolled student's lessons left, a make-up counted against the missed lesson's class", async () => {
    const { host, clock } = th;
    const { xm, saturday, sunday, lesson, sessionOn, enrolment } = await seed(host);
    clock.set(local('2027-03-06', '09:30'));
    await host.invoke('classes.mark', {
      bookingId: (await lesson('2027-03-06')).id,
      present: true,
    });
    const leave = await host.invoke('classes.cancelBooking', {
      bookingId: (await lesson('2027-03-13')).id,
    });
    const sun = await sessionOn('2027-03-14', sunday.id);
    const makeUp = await host.invoke('classes.makeUp', {
      bookingId: leave.booking.id,
      sessionId: sun.id,
    });
    const sat = await sessionOn('2027-03-06', saturday.id);
    const [row] = await as(host, 'desk', () =>
      host.invoke('classes.rollLessons', { sessionId: sat.id }),
    );
    expect(row).toMatchObject({
      bookingId: (await lesson('2027-03-06')).id,
      balance: {
        enrolment: { id: enrolment.id, memberName: '王小明' },
        packName: '48 课时',
        packTotal: 48,
        packUsed: 2,
        packLeft: 46,
        attended: 1,
        leave: 1,
        makeUps: 1,
        upcoming: 13,
      },
    });
    const sunday14 = await host.invoke('classes.rollLessons', { sessionId: sun.id });
    expect(sunday14).toEqual([{ bookingId: makeUp.id, balance: row!.balance }]);
    expect(xm.name).toBe('王小明');
    expect(await failure(host.invoke('classes.rollLessons', { sessionId: 99999 }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failure(host.invoke('classes.rollLessons', { sessionId: -1 }))).toMatchObject({
      code: 'VALIDATION',
    });
  });
});

describe('documents.lessonStatement', () => {
  it('prints the lessons of a date range and the 课时 left, in English and Chinese', async () => {
    const { host, clock } = th;
    const { xm, sunday, lesson, sessionOn } = await seed(host);
    clock.set(local('2027-03-06', '09:30'));
    await host.invoke('classes.mark', {
      bookingId: (await lesson('2027-03-06')).id,
      present: true,
    });
    const leave = await host.invoke('classes.cancelBooking', {
      bookingId: (await lesson('2027-03-13')).id,
    });
    await host.invoke('classes.makeUp', {
      bookingId: leave.booking.id,
      sessionId: (await sessionOn('2027-03-14', sunday.id)).id,
    });
    clock.set(local('2027-03-14', '10:30'));
    await host.invoke('classes.mark', {
      bookingId: (await lesson('2027-03-14')).id,
      present: true,
    });
    clock.set(local('2027-03-19', '12:00')); // 21 hours before the 03-20 lesson: late leave
    await host.invoke('classes.cancelBooking', { bookingId: (await lesson('2027-03-20')).id });
    clock.set(local('2027-03-27', '09:30'));
    await host.invoke('classes.mark', {
      bookingId: (await lesson('2027-03-27')).id,
      present: false,
    });
    clock.setDate('2027-03-29');

    const en = await as(host, 'desk', () =>
      host.invoke('documents.lessonStatement', {
        memberId: xm.id,
        from: '2027-03-01',
        to: '2027-04-10',
        locale: 'en',
      }),
    );
    const before = hash(host);
    expect(en).toMatchObject({
      kind: 'lesson_statement',
      action: 'print',
      outcome: 'rendered',
      page: { format: 'A4' },
      title: 'Lesson statement 王小明 2027-03-01–2027-04-10',
    });
    const t = text(en.html);
    expect(t).toContain('Lesson statement');
    expect(t).toContain('Student 王小明');
    // 48 − 2 (03-06) − 2 (make-up) − 2 (late leave) − 2 (no-show, deducted) = 40.
    expect(t).toContain('周六数学A班 48 课时 valid until Aug 28, 2027 48 8 40 1 1 1 1 1 11');
    expect(t).toContain('Mar 6, 2027 09:00 周六数学A班 Present 2');
    expect(t).toContain('Mar 13, 2027 09:00 周六数学A班 Leave');
    expect(t).toContain('Mar 14, 2027 10:00 周日复习班 Make-up – present for Mar 13, 2027 2');
    expect(t).toContain('Mar 20, 2027 09:00 周六数学A班 Late leave 2');
    expect(t).toContain('Mar 27, 2027 09:00 周六数学A班 No-show 2');
    expect(t).toContain('Apr 10, 2027 09:00 周六数学A班 Booked');
    expect(t).not.toContain('Apr 3, 2027'); // a holiday: no lesson
    expect(t).not.toContain('Apr 17, 2027'); // after the range
    expect(t).toContain('In this period: present 2, leave 1, late leave 1, no-show 1, make-ups 1.');

    const zh = await host.invoke('documents.lessonStatement', {
      memberId: xm.id,
      from: '2027-03-10',
      to: '2027-03-20',
      locale: 'zh-CN',
      action: 'pdf',
    });
    expect(zh.action).toBe('pdf');
    const z = text(zh.html);
    expect(z).toContain('课时报告单');
    expect(z).toContain('学员 王小明');
    expect(z).toContain('剩余课时');
    expect(z).toContain('2027年3月13日 09:00 周六数学A班 请假');
    expect(z).toContain('2027年3月14日 10:00 周日复习班 补课 – 出勤 补 2027年3月13日 的课 2');
    expect(z).toContain('2027年3月20日 09:00 周六数学A班 逾时请假 2');
    expect(z).not.toContain('2027年3月6日');
    expect(z).toContain('本期间：出勤 1 次，请假 1 次，逾时请假 1 次，缺课 0 次，补课 1 次。');
    expect(hash(host)).toBe(before);
  });

  it('counts the lessons the centre cancelled in the summary, in English and Chinese, and only when there are some', async () => {
    const { host } = th;
    const { xm, lesson } = await seed(host);
    const statement = async (locale: 'en' | 'zh-CN') =>
      text(
        (
          await host.invoke('documents.lessonStatement', {
            memberId: xm.id,
            from: '2027-03-01',
            to: '2027-03-31',
            locale,
          })
        ).html,
      );
    expect(await statement('en')).not.toContain('Cancelled by the centre');
    const cancelled = await lesson('2027-03-20');
    await host.invoke('classes.sessions.cancel', {
      sessionId: cancelled.sessionId,
      reason: 'Teacher ill',
    });
    const t = await statement('en');
    expect(t).toContain('Mar 20, 2027 09:00 周六数学A班 Class cancelled');
    expect(t).toContain(
      'In this period: present 0, leave 0, late leave 0, no-show 0, make-ups 0. Cancelled by the centre (owed, can be made up): 1.',
    );
    expect(await statement('zh-CN')).toContain(
      '本期间：出勤 0 次，请假 0 次，逾时请假 0 次，缺课 0 次，补课 0 次。停课 1 次（不扣课时，可补课）。',
    );
  });

  it('refuses a bad range, an unknown member and a stray field', async () => {
    const { host } = th;
    const { xm } = await seed(host);
    const ask = (input: Record<string, unknown>) =>
      failure(
        host.invoke('documents.lessonStatement', {
          memberId: xm.id,
          from: '2027-03-01',
          to: '2027-03-31',
          ...input,
        } as never),
      );
    expect(await ask({ to: '2027-02-28' })).toMatchObject({ code: 'VALIDATION' });
    expect(await ask({ to: '2028-03-02' })).toMatchObject({ code: 'VALIDATION' });
    expect(await ask({ from: '2027-02-30' })).toMatchObject({ code: 'VALIDATION' });
    expect(await ask({ locale: 'fr' })).toMatchObject({ code: 'VALIDATION' });
    expect(await ask({ action: 'email' })).toMatchObject({ code: 'VALIDATION' });
    expect(await ask({ memberId: 99999 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await ask({ extra: true })).toMatchObject({ code: 'VALIDATION' });
    // A year is allowed.
    expect(
      (
        await host.invoke('documents.lessonStatement', {
          memberId: xm.id,
          from: '2027-03-01',
          to: '2028-03-01',
        })
      ).outcome,
    ).toBe('rendered');
  });

  it('for a member with no classes says so', async () => {
    const { host } = th;
    const m = await member(host, 'Nobody');
    const t = text(
      (
        await host.invoke('documents.lessonStatement', {
          memberId: m.id,
          from: '2027-03-01',
          to: '2027-03-31',
          locale: 'en',
        })
      ).html,
    );
    expect(t).toContain('Not enrolled in a class.');
    expect(t).toContain('No lessons in this period.');
  });
});
