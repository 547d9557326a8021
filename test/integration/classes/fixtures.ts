/** Shared set-up for the classes tests: a host, a class type, a teacher, a room and a weekly class. */
import type { Host } from '../../../electron/host/host';
import type { ClassSchedule, ClassType } from '../../../electron/contract';
import { makeHost, signInAs, type TestHost } from '../../support/host';
import { member, pack } from '../desk/fixtures';

export async function classesHost(startDate: string): Promise<TestHost> {
  return makeHost({ startDate, setup: true });
}

/** Runs `act` as `role`, then signs the owner back in. */
export async function as<T>(
  host: Host,
  role: 'desk' | 'manager',
  act: () => Promise<T>,
): Promise<T> {
  await signInAs(host, role);
  try {
    return await act();
  } finally {
    await signInAs(host, 'owner');
  }
}

export async function classType(
  host: Host,
  more: Partial<{
    name: string;
    capacity: number;
    units: number;
    planIds: number[];
    minutes: number;
  }> = {},
): Promise<ClassType> {
  return host.invoke('classes.types.create', {
    name: 'Yoga',
    colour: '#22AA66',
    minutes: 60,
    capacity: 10,
    ...more,
  });
}

export async function rules(
  host: Host,
  typeId: number,
  more: Partial<{
    openDays: number;
    cutoffHours: number;
    lateCancelRule: 'count' | 'fee' | 'deduct';
    lateCancelFee: number;
    noShowRule: 'count' | 'fee' | 'deduct';
    noShowFee: number;
  }> = {},
): Promise<ClassType> {
  return host.invoke('classes.types.setRules', {
    id: typeId,
    openDays: 7,
    cutoffHours: 12,
    lateCancelRule: 'count',
    noShowRule: 'count',
    ...more,
  });
}

export async function weekly(
  host: Host,
  typeId: number,
  more: Partial<{
    name: string;
    weekdays: number[];
    startTime: string;
    termStart: string;
    termEnd: string;
    holidays: string[];
    capacity: number;
    teacherId: number | null;
    roomId: number | null;
  }> = {},
): Promise<ClassSchedule> {
  return host.invoke('classes.schedules.create', {
    classTypeId: typeId,
    name: 'Saturday yoga',
    weekdays: [6],
    startTime: '09:00',
    termStart: '2027-03-06',
    termEnd: '2027-06-26',
    ...more,
  });
}

/** HH:MM Shanghai time (UTC+8, no DST) on `date`, as the UTC instant the test clock is set to. */
export function local(date: string, hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return new Date(
    Date.UTC(
      Number(date.slice(0, 4)),
      Number(date.slice(5, 7)) - 1,
      Number(date.slice(8, 10)),
      h - 8,
      m,
    ),
  ).toISOString();
}

/** A 48-课时 pack and 数学, whose lessons are 2 课时 (12 places, 2 hours) and which only that pack admits; leave within 24 hours of the start and no-shows are deducted. */
export async function mathsWithPack(host: Host) {
  const lessonPack = await pack(host, { name: '48 课时', packSessions: 48, packValidDays: 180 });
  const maths = await classType(host, {
    name: '数学',
    units: 2,
    capacity: 12,
    minutes: 120,
    planIds: [lessonPack.id],
  });
  await rules(host, maths.id, { cutoffHours: 24, lateCancelRule: 'deduct', noShowRule: 'deduct' });
  return { lessonPack, maths };
}

/** A member with a pack of `planId` (sold today). */
export async function withPack(host: Host, name: string, planId: number, payerId?: number) {
  const m = await member(host, name, payerId ? { payerId } : {});
  const sold = await host.invoke('packs.sell', { memberId: m.id, planId });
  return { member: m, packId: sold.pack.id };
}
