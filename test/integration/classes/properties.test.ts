/**
 * Places and the waitlist under random sequences of book, book-or-waitlist, cancel and change of
 * places, checked after every step against a model kept here: booked never above the places, the
 * waitlist in the order people joined it, a freed place always going to the first in line, and
 * nobody twice in the session. Each run gets its own one-session class on Saturday 2027-03-06;
 * the clock stays on Monday 2027-03-01, before every cut-off.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/host/host';
import { failure, type TestHost } from '../../support/host';
import { member, pack } from '../desk/fixtures';
import { classesHost, classType, weekly } from './fixtures';

const MEMBERS = 6;

type Op =
  | { op: 'book'; who: number; waitlist: boolean }
  | { op: 'cancel'; who: number }
  | { op: 'places'; n: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('book' as const),
    who: fc.nat(MEMBERS - 1),
    waitlist: fc.boolean(),
  }),
  fc.record({ op: fc.constant('cancel' as const), who: fc.nat(MEMBERS - 1) }),
  fc.record({ op: fc.constant('places' as const), n: fc.integer({ min: 1, max: 5 }) }),
);

let th: TestHost;
const memberIds: number[] = [];
let typeId = 0;
let run = 0;

beforeAll(async () => {
  th = await classesHost('2027-03-01');
  const plan = await pack(th.host);
  for (let i = 0; i < MEMBERS; i++) {
    const m = await member(th.host, `Member ${i}`);
    await th.host.invoke('packs.sell', { memberId: m.id, planId: plan.id });
    memberIds.push(m.id);
  }
  typeId = (await classType(th.host, { capacity: 2 })).id;
}, 60_000);
afterAll(() => th.close());

async function roll(host: Host, sessionId: number) {
  return host.invoke('classes.session', { sessionId });
}

describe('places and waitlist (property)', () => {
  it('keeps booked within the places, the waitlist in join order, promoting whenever a place frees', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 24 }), async (ops) => {
        const { host } = th;
        run++;
        const sched = await weekly(host, typeId, {
          name: `Run ${run}`,
          termStart: '2027-03-06',
          termEnd: '2027-03-06',
        });
        const session = (await host.invoke('classes.day', { date: '2027-03-06' })).sessions.find(
          (s) => s.scheduleId === sched.id,
        )!;
        let places = session.capacity;
        const booked = new Set<number>();
        const waiting: number[] = [];
        const bookingOf = new Map<number, number>();
        const fill = () => {
          while (booked.size < places && waiting.length) booked.add(waiting.shift()!);
        };

        for (const step of ops) {
          if (step.op === 'book') {
            const m = memberIds[step.who]!;
            const call = host.invoke('classes.book', {
              sessionId: session.id,
              memberIds: [m],
              waitlist: step.waitlist,
            });
            if (booked.has(m) || waiting.includes(m)) {
              expect((await failure(call)).code).toBe('CLASS_ALREADY_BOOKED');
            } else if (booked.size >= places && !step.waitlist) {
              expect((await failure(call)).code).toBe('CLASS_FULL');
            } else {
              const [b] = await call;
              bookingOf.set(m, b!.id);
              if (booked.size < places) {
                expect(b!.status).toBe('booked');
                booked.add(m);
              } else {
                expect(b!.status).toBe('waitlisted');
                waiting.push(m);
              }
            }
          } else if (step.op === 'cancel') {
            const m = memberIds[step.who]!;
            if (!booked.has(m) && !waiting.includes(m)) continue;
            const out = await host.invoke('classes.cancelBooking', {
              bookingId: bookingOf.get(m)!,
            });
            expect(out.booking.status).toBe('cancelled');
            if (booked.delete(m)) {
              const next = waiting[0];
              fill();
              expect(out.promoted?.memberId ?? null).toBe(next ?? null);
            } else {
              waiting.splice(waiting.indexOf(m), 1);
              expect(out.promoted).toBeNull();
            }
          } else {
            const call = host.invoke('classes.sessions.change', {
              sessionId: session.id,
              capacity: step.n,
            });
            if (step.n < booked.size) {
              expect((await failure(call)).code).toBe('CLASS_FULL');
            } else {
              await call;
              places = step.n;
              fill();
            }
          }

          const r = await roll(host, session.id);
          const live = r.bookings.filter((b) => b.status === 'booked' || b.status === 'attended');
          expect(live.length).toBeLessThanOrEqual(r.session.capacity);
          expect(r.session.capacity).toBe(places);
          expect(new Set(live.map((b) => b.memberId))).toEqual(booked);
          const line = r.bookings
            .filter((b) => b.status === 'waitlisted')
            .sort((a, b) => a.waitlistPosition! - b.waitlistPosition!)
            .map((b) => b.memberId);
          expect(line).toEqual(waiting);
          const everyone = r.bookings.map((b) => b.memberId);
          expect(new Set(everyone).size).toBe(everyone.length);
          // A free place and someone waiting never stand side by side.
          expect(waiting.length === 0 || booked.size === places).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});
