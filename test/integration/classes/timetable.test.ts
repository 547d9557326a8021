/**
 * The timetable: a weekly schedule over a term generates its sessions (holidays skipped), edits
 * re-sync only what has not happened, one-off changes (move, substitute, cancel) and the week and
 * day views. Exact dates and counts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, type TestHost } from '../../support/host';
import { as, classesHost, classType, weekly } from './fixtures';

let th: TestHost;
beforeEach(async () => {
  th = await classesHost('2027-03-01'); // a Monday
});
afterEach(() => th.close());

describe('timetable', () => {
  it('generates one session per Saturday of the term, skipping the holidays', async () => {
    const { host } = th;
    const type = await classType(host);
    expect(type).toMatchObject({
      colour: '#22aa66',
      units: 1,
      planIds: [],
      openDays: 7,
      cutoffHours: 12,
      lateCancelRule: 'count',
      noShowRule: 'count',
    });
    const teacher = await host.invoke('classes.teachers.create', { name: '李老师' });
    const room = await host.invoke('classes.rooms.create', { name: 'Studio A', capacity: 8 });
    // Saturdays 2027-03-06 … 2027-06-26 are 17; 清明 (04-03) and 劳动节 (05-01) leave 15.
    const s = await weekly(host, type.id, {
      teacherId: teacher.id,
      roomId: room.id,
      holidays: ['2027-04-03', '2027-05-01'],
    });
    expect(s).toMatchObject({
      sessions: 15,
      capacity: 8,
      minutes: 60,
      teacherName: '李老师',
      roomName: 'Studio A',
      weekdays: [6],
    });

    const week = await host.invoke('classes.week', { date: '2027-04-01' });
    expect(week.from).toBe('2027-03-29');
    expect(week.to).toBe('2027-04-04');
    expect(week.sessions).toEqual([]); // the only Saturday is the holiday
    const next = await host.invoke('classes.week', { date: '2027-03-06' });
    expect(
      next.sessions.map((x) => [
        x.date,
        x.startTime,
        x.endTime,
        x.teacherName,
        x.roomName,
        x.capacity,
        x.booked,
      ]),
    ).toEqual([['2027-03-06', '09:00', '10:00', '李老师', 'Studio A', 8, 0]]);
  });

  it('adds a holiday and a later term end to sessions still to come only', async () => {
    const { host, clock } = th;
    const type = await classType(host);
    const s = await weekly(host, type.id, { termEnd: '2027-03-27' }); // 03-06, 13, 20, 27
    expect(s.sessions).toBe(4);
    clock.setDate('2027-03-14');
    // 03-06 is past: a holiday on it changes nothing; 03-20 goes; the term now also covers 04-03 and 04-10.
    const after = await host.invoke('classes.schedules.update', {
      id: s.id,
      holidays: ['2027-03-06', '2027-03-20'],
      termEnd: '2027-04-10',
    });
    expect(after.sessions).toBe(5);
    const dates = [];
    for (const d of [
      '2027-03-06',
      '2027-03-13',
      '2027-03-20',
      '2027-03-27',
      '2027-04-03',
      '2027-04-10',
    ]) {
      dates.push(...(await host.invoke('classes.day', { date: d })).sessions.map((x) => x.date));
    }
    expect(dates).toEqual(['2027-03-06', '2027-03-13', '2027-03-27', '2027-04-03', '2027-04-10']);
  });

  it('moves a session, gives it a substitute teacher, and cancels another', async () => {
    const { host } = th;
    const type = await classType(host);
    const t1 = await host.invoke('classes.teachers.create', { name: 'Anna' });
    const t2 = await host.invoke('classes.teachers.create', { name: 'Ben', phone: '13800000000' });
    await weekly(host, type.id, { teacherId: t1.id, termEnd: '2027-03-13' });
    const [first, second] = (
      await host.invoke('classes.week', { date: '2027-03-06' })
    ).sessions.concat((await host.invoke('classes.week', { date: '2027-03-13' })).sessions);
    const moved = await host.invoke('classes.sessions.change', {
      sessionId: first!.id,
      date: '2027-03-07',
      startTime: '10:30',
      teacherId: t2.id,
    });
    expect(moved.session).toMatchObject({
      slotDate: '2027-03-06',
      date: '2027-03-07',
      startTime: '10:30',
      endTime: '11:30',
      teacherName: 'Ben',
      status: 'scheduled',
    });
    const off = await host.invoke('classes.sessions.cancel', {
      sessionId: second!.id,
      reason: 'Teacher ill',
    });
    expect(off.session).toMatchObject({ status: 'cancelled', note: 'Teacher ill' });
    expect(
      await failure(
        host.invoke('classes.sessions.cancel', { sessionId: second!.id, reason: 'again' }),
      ),
    ).toMatchObject({ code: 'CLASS_CANCELLED' });
    expect(
      await failure(
        host.invoke('classes.sessions.change', { sessionId: first!.id, date: '2027-02-27' }),
      ),
    ).toMatchObject({ code: 'DATE_OUT_OF_RANGE' });
  });

  it('refuses bad timetable input and the wrong role, changing nothing', async () => {
    const { host } = th;
    const type = await classType(host);
    // The desk and manager staff exist before the hash is taken (signing in the first time creates them).
    await as(host, 'desk', async () => null);
    await as(host, 'manager', async () => null);
    const before = databaseHash(host.db, { ignoreSignIns: true });
    expect(
      await failure(
        host.invoke('classes.types.create', {
          name: 'Spin',
          colour: 'green',
          minutes: 45,
          capacity: 20,
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(
      await failure(weekly(host, type.id, { termStart: '2027-03-06', termEnd: '2028-06-26' })),
    ).toMatchObject({ code: 'DATE_OUT_OF_RANGE' });
    expect(
      await failure(weekly(host, type.id, { termStart: '2027-03-06', termEnd: '2027-03-01' })),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(await failure(weekly(host, type.id, { weekdays: [6, 6] }))).toMatchObject({
      code: 'VALIDATION',
    });
    expect(await failure(weekly(host, 999))).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await failure(
        host.invoke('classes.types.setRules', {
          id: type.id,
          openDays: 7,
          cutoffHours: 12,
          lateCancelRule: 'fee',
          noShowRule: 'count',
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION' });
    // The desk reads the timetable but does not change it; a manager edits it but does not set the rules.
    expect(await as(host, 'desk', () => failure(classType(host)))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      await as(host, 'manager', () =>
        failure(
          host.invoke('classes.types.setRules', {
            id: type.id,
            openDays: 7,
            cutoffHours: 12,
            lateCancelRule: 'count',
            noShowRule: 'count',
          }),
        ),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(databaseHash(host.db, { ignoreSignIns: true })).toBe(before);
    expect(await as(host, 'desk', () => host.invoke('classes.types.list', {}))).toHaveLength(1);
    expect((await as(host, 'manager', () => classType(host, { name: 'Spin' }))).name).toBe('Spin');
  });

  it('refuses fewer places than are taken, on the class or on a session, changing nothing', async () => {
    const { host } = th;
    const plan = await host.invoke('plans.create', {
      kind: 'pack',
      name: '10 classes',
      price: 80000,
      packSessions: 10,
      packValidDays: 90,
      taxRateBp: 0,
    });
    const type = await classType(host);
    const s = await weekly(host, type.id, { termEnd: '2027-03-13', capacity: 3 });
    const session = (await host.invoke('classes.day', { date: '2027-03-06' })).sessions[0]!;
    for (const name of ['A', 'B']) {
      const m = await host.invoke('members.create', { name });
      await host.invoke('packs.sell', { memberId: m.id, planId: plan.id });
      await host.invoke('classes.book', { sessionId: session.id, memberIds: [m.id] });
    }
    const before = databaseHash(host.db, { ignoreSignIns: true });
    expect(
      await failure(host.invoke('classes.schedules.update', { id: s.id, capacity: 1 })),
    ).toMatchObject({ code: 'CLASS_FULL', details: { taken: 2, sessionId: session.id } });
    expect(
      await failure(host.invoke('classes.sessions.change', { sessionId: session.id, capacity: 1 })),
    ).toMatchObject({ code: 'CLASS_FULL', details: { taken: 2 } });
    expect(databaseHash(host.db, { ignoreSignIns: true })).toBe(before);
    const after = await host.invoke('classes.schedules.update', { id: s.id, capacity: 2 });
    expect(after.capacity).toBe(2);
    expect((await host.invoke('classes.day', { date: '2027-03-13' })).sessions[0]!.capacity).toBe(
      2,
    );
  });
});
