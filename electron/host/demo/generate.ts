/**
 * A sample gym built through the host, the way the desk would have built it: day by day with
 * a moving clock, the billing run each morning, members joining and leaving, freezes, upgrades,
 * packs, payments on time and late (some never), top-ups, refunds, expenses and check-ins, and over
 * the last months (the check-in months) a class timetable with bookings and rolls (timetable.ts) and
 * the desk's follow-up calls (followups.ts), drawn from their own random streams.
 * Deterministic: the same seed, length and size give the same business.
 *
 * Used for "explore with sample data" (a separate data folder, see folder.ts), by the tests and
 * by the benchmark: `generateDemoBusiness(host, clock, { seed, months, members })`.
 */
import { addDays, addMonthsClamped, dayOfWeek, daysBetween, todayInZone } from '../../../shared/dates';
import type { Host } from '../host';
import { createDemoFollowUps } from './followups';
import { personName, phoneNumber } from './names';
import { demoOwner } from './owner';
import { seededRandom } from './random';
import { CLASS_REFUSALS, createDemoTimetable } from './timetable';
import { DEMO_WORDS, type DemoLocale } from './words';

export interface DemoClock {
  now(): Date;
  set(iso: string): void;
}

export interface DemoOptions {
  seed: number;
  /**
   * How long to run the business for, from the clock's date when called (the host must have been
   * opened on that date or before: the billing run refuses a clock that goes back). The clock is
   * left on the last day.
   */
  months: number;
  /** Members who join over that time (some leave, some come back). */
  members: number;
  /** Average visits per week of a member (default 1.2); check-ins are made for the last `checkinMonths` (default 2) months only. */
  visitsPerWeek?: number;
  checkinMonths?: number;
  /** The language the business is built in (its names, plans and notes); default: the host's language. */
  locale?: DemoLocale;
  /** Called now and then with the share done (0..1). */
  onProgress?: (done: number) => void;
}

export interface DemoSummary {
  from: string;
  to: string;
  members: number;
  invoices: number;
  payments: number;
  expenses: number;
  checkins: number;
}


type PlanKey = 'monthly' | 'premium' | 'quarterly' | 'yearly' | 'student';
type PackKey = 'pack10' | 'pt8';
type Habit = 'prompt' | 'late' | 'bad';

interface Person {
  id: number;
  payerId: number;
  habit: Habit;
  method: string;
  /** How often they come, relative to the average. */
  keen: number;
  sub: { id: number; plan: PlanKey } | null;
  pack: PackKey | null;
  nextPackOn: string | null;
  /** A payer who stopped paying is cancelled by the desk on this day. */
  cancelOn: string | null;
  gone: boolean;
}

/** Errors the desk meets in real life (a freeze over the allowance, a change not possible now): skipped. */
const EXPECTED = new Set([
  'ALREADY_PAUSED',
  'ALREADY_CANCELLING',
  'SUBSCRIPTION_NOT_ACTIVE',
  'SUBSCRIPTION_NOT_PAUSED',
  'SUBSCRIPTION_ENDED',
  'FREEZE_NOT_ALLOWED',
  'FREEZE_ALLOWANCE_EXCEEDED',
  'DATE_OUT_OF_RANGE',
  'SAME_PLAN',
  'PLAN_ARCHIVED',
  'NOTHING_TO_APPLY',
  'INVOICE_PAID',
  ...CLASS_REFUSALS,
]);

export async function generateDemoBusiness(
  host: Host,
  clock: DemoClock,
  opts: DemoOptions,
): Promise<DemoSummary> {
  const r = seededRandom(opts.seed);
  const locale: DemoLocale = opts.locale ?? host.settings.get().locale;
  const w = DEMO_WORDS[locale];
  const zone = host.settings.get().timeZone;
  const start = todayInZone(clock.now(), zone);
  const end = addMonthsClamped(start, opts.months);
  const at = (date: string, hour: number, minute = 0) =>
    clock.set(localInstant(date, hour, minute, zone));
  const scale = Math.max(0.25, opts.members / 150);
  at(start, 8);
  // Thousands of small transactions: without a sync to disk after each one the build is many times
  // faster. Nothing is lost that matters: a sample business cut short is simply built again.
  const synchronous = host.db.pragma('synchronous', { simple: true });
  host.db.pragma('synchronous = OFF');
  try {
    return await build();
  } finally {
    host.db.pragma(`synchronous = ${String(synchronous)}`);
  }

  async function build(): Promise<DemoSummary> {
    await setUp(host, locale);
    const plans = await createPlans(host, w);
    const categories = Object.fromEntries(
      (await host.invoke('expenseCategories.list', {})).map((c) => [c.code, c.id]),
    ) as Record<string, number>;
    const promotion = (
      await host.invoke('promotions.create', {
        name: w.promotion,
        minAmount: 100000,
        bonus: 20000,
      })
    ).id;

    // Reading is not acting: the plan of who pays what reads the records directly.
    const issuedOn = host.db.prepare<[string], { id: number; payerId: number }>(
      "SELECT id, payer_id AS payerId FROM invoices WHERE issue_date = ? AND status = 'issued' ORDER BY id",
    );
    const openBalance = host.db.prepare<[number], { payerId: number; balance: number }>(
      `SELECT payer_id AS payerId, total - COALESCE((SELECT SUM(amount) FROM allocations WHERE invoice_id = i.id), 0) AS balance
         FROM invoices i WHERE id = ? AND status = 'issued'`,
    );
    const people: Person[] = [];
    const payments = new Map<string, number[]>(); // date → invoice ids to pay that day
    const scheduled = new Set<number>();
    const days = daysBetween(start, end);
    const checkinFrom = addMonthsClamped(end, -(opts.checkinMonths ?? 2));
    const vpw = opts.visitsPerWeek ?? 1.2;
    let joinsDue = 0;
    // The classes and the calls draw from their own streams, so the rest of the business is drawn as before.
    const timetable = await createDemoTimetable({
      host,
      r: seededRandom(opts.seed ^ 0x7c1a55),
      w,
      from: checkinFrom,
      to: end,
      active: () => people.filter((p) => !p.gone && (p.sub !== null || p.pack !== null)).map((p) => p.id),
      attempt,
    });
    const followUps = createDemoFollowUps({
      host,
      r: seededRandom(opts.seed ^ 0x2f011e),
      w,
      perDay: 2 * scale,
      renewPack: (memberId) => renewPack(memberId),
    });
    const invoiceDue = host.db.prepare<[number], { payerId: number; total: number }>(
      "SELECT payer_id AS payerId, total FROM invoices WHERE id = ? AND status = 'issued'",
    );

    async function attempt<T>(fn: () => Promise<T>): Promise<T | null> {
      try {
        return await fn();
      } catch (e) {
        if (EXPECTED.has((e as { code?: string }).code ?? '')) return null;
        throw e;
      }
    }

    async function join(today: string): Promise<void> {
      const household =
        people.length > 10 && r.chance(0.1)
          ? r.pick(people.filter((p) => !p.gone && p.payerId === p.id))
          : undefined;
      const m = await host.invoke('members.create', {
        name: personName(r, locale),
        phone: household ? '' : phoneNumber(r),
        payerId: household?.id ?? null,
        tags: r.chance(0.15) ? [r.pick(w.tags)] : [],
      });
      const habit = r.weighted<Habit>({ prompt: 76, late: 19, bad: 5 });
      const person: Person = {
        id: m.id,
        payerId: household?.id ?? m.id,
        habit: household?.habit ?? habit,
        method: r.weighted({ wechat: 45, alipay: 25, cash: 15, card: 10, bank_transfer: 5 }),
        keen: 0.3 + r.next() * 1.5,
        sub: null,
        pack: null,
        nextPackOn: null,
        cancelOn: null,
        gone: false,
      };
      people.push(person);
      if (r.chance(0.18)) await buyPack(person, today);
      else await subscribe(person, today);
    }

    async function subscribe(p: Person, today: string): Promise<void> {
      const plan = r.weighted<PlanKey>({
        monthly: 45,
        premium: 15,
        quarterly: 15,
        yearly: 10,
        student: 15,
      });
      const discount = r.chance(0.1)
        ? r.chance(0.5)
          ? { kind: 'percent' as const, value: 1000, duration: 'repeating' as const, periods: 3 }
          : { kind: 'fixed' as const, value: 5000, duration: 'once' as const, periods: null }
        : null;
      const res = await host.invoke('subscriptions.create', {
        memberId: p.id,
        planId: plans[plan],
        discount,
        waiveSetupFee: r.chance(0.3),
      });
      p.sub = { id: res.subscription.id, plan };
      p.gone = false;
      if (r.chance(0.08))
        await attempt(() =>
          host.invoke('subscriptions.addAddon', {
            id: p.sub!.id,
            name: w.locker,
            price: 3000,
          }),
        );
      await payInvoicesOf(today, res.invoices, true);
    }

    async function buyPack(p: Person, today: string): Promise<void> {
      const pack = r.chance(0.7) ? 'pack10' : 'pt8';
      const res = await host.invoke('packs.sell', { memberId: p.id, planId: plans[pack] });
      p.pack = pack;
      p.nextPackOn = addDays(today, r.int(45, 100));
      if (res.invoiceId !== null)
        await payInvoicesOf(today, [{ id: res.invoiceId, payerId: p.payerId }], true);
    }

    /** A pack sold on a follow-up call and paid at once (no draw from the main stream). */
    async function renewPack(memberId: number): Promise<boolean> {
      const p = people.find((x) => x.id === memberId);
      if (!p || p.gone) return false;
      const res = await attempt(() => host.invoke('packs.sell', { memberId, planId: plans.pack10 }));
      if (!res) return false;
      p.pack = 'pack10';
      if (res.invoiceId !== null) await payNow(res.invoiceId, p.method);
      return true;
    }

    /** Pays an invoice in full at the desk. */
    async function payNow(invoiceId: number, method: string): Promise<void> {
      const inv = invoiceDue.get(invoiceId);
      if (!inv) return;
      await attempt(() =>
        host.invoke('payments.record', {
          payerId: inv.payerId,
          method,
          amount: inv.total,
          invoices: [{ invoiceId, amount: inv.total }],
        }),
      );
    }

    /** Decides when each new invoice is paid, by the payer's habit; sales at the desk are mostly paid at once. */
    async function payInvoicesOf(
      today: string,
      invoices: { id: number; payerId: number }[],
      atDesk: boolean,
    ): Promise<void> {
      for (const inv of invoices) {
        if (scheduled.has(inv.id)) continue;
        scheduled.add(inv.id);
        const payer = people.find((p) => p.id === inv.payerId);
        const habit = payer?.habit ?? 'prompt';
        let delay: number | null;
        if (habit === 'prompt') delay = atDesk || r.chance(0.8) ? 0 : r.int(1, 4);
        else if (habit === 'late') delay = atDesk && r.chance(0.5) ? 0 : r.int(5, 28);
        else delay = r.chance(0.5) ? null : r.int(30, 110);
        if (delay === null) {
          // Nobody pays forever: the desk gives up and cancels about six weeks later.
          for (const p of people)
            if (p.payerId === inv.payerId && p.sub && p.cancelOn === null)
              p.cancelOn = addDays(today, r.int(35, 60));
          continue;
        }
        const day = addDays(today, delay);
        payments.set(day, [...(payments.get(day) ?? []), inv.id]);
      }
    }

    async function collect(today: string): Promise<void> {
      for (const id of payments.get(today) ?? []) {
        const inv = openBalance.get(id);
        if (!inv || inv.balance <= 0) continue;
        const payer = people.find((p) => p.id === inv.payerId);
        await attempt(() =>
          host.invoke('payments.record', {
            payerId: inv.payerId,
            method: payer?.method ?? 'cash',
            amount: inv.balance,
            invoices: [{ invoiceId: id, amount: inv.balance }],
          }),
        );
      }
      payments.delete(today);
    }

    async function lifeEvents(today: string): Promise<void> {
      for (const p of people) {
        if (p.gone) {
          if (r.chance(0.015 / 30)) await subscribe(p, today); // comes back now and then
          continue;
        }
        if (p.sub === null) {
          if (p.nextPackOn !== null && p.nextPackOn <= today) {
            if (r.chance(0.6)) await buyPack(p, today);
            else p.gone = true;
          }
          continue;
        }
        const sub = p.sub;
        const x = r.next();
        if (p.cancelOn !== null && p.cancelOn <= today) {
          p.cancelOn = null;
          if (
            await attempt(() =>
              host.invoke('subscriptions.cancel', {
                id: sub.id,
                mode: 'now',
                settlement: 'credit',
              }),
            )
          ) {
            p.gone = true;
            p.sub = null;
          }
        } else if (x < 0.035 / 30) {
          const now = r.chance(0.25);
          const refund = now && r.chance(0.4);
          const done = await attempt(() =>
            host.invoke('subscriptions.cancel', {
              id: sub.id,
              mode: now ? 'now' : 'period_end',
              settlement: refund ? 'refund' : 'credit',
              ...(refund ? { refundMethod: 'cash' } : {}),
            }),
          );
          if (done) {
            p.gone = true;
            p.sub = null;
            if (r.chance(0.3)) p.nextPackOn = addDays(today, r.int(60, 200));
          }
        } else if (x < 0.055 / 30) {
          await attempt(() =>
            host.invoke('subscriptions.pause', {
              id: sub.id,
              resumeDate: addDays(today, r.int(14, 40)),
            }),
          );
        } else if (x < 0.067 / 30 && (sub.plan === 'monthly' || sub.plan === 'student')) {
          if (
            await attempt(() =>
              host.invoke('subscriptions.changePlan', { id: sub.id, planId: plans.premium }),
            )
          )
            sub.plan = 'premium';
        } else if (x < 0.071 / 30 && sub.plan === 'premium') {
          await attempt(() =>
            host.invoke('subscriptions.changePlan', { id: sub.id, planId: plans.monthly }),
          );
        } else if (x < 0.076 / 30 && p.habit === 'prompt' && p.payerId === p.id) {
          await host.invoke('payments.record', {
            payerId: p.id,
            kind: 'topup',
            method: p.method,
            amount: 100000,
            promotionId: promotion,
          });
        }
      }
    }

    async function expenses(today: string): Promise<void> {
      const d = Number(today.slice(8, 10));
      const spend = (code: string, amount: number, method: string, note = '') =>
        host.invoke('expenses.create', {
          date: today,
          amount: Math.round((amount * scale) / 100) * 100,
          categoryId: categories[code]!,
          method,
          note,
        });
      if (d === 1) await spend('rent', 550_000, 'bank_transfer', w.rent);
      if (d === 10) await spend('salaries', 850_000, 'bank_transfer', w.salaries);
      if (d === 15)
        await spend('utilities', r.int(90_000, 180_000), r.pick(['wechat', 'alipay']), w.utilities);
      if (d === 20 && r.chance(0.5))
        await spend(
          'marketing',
          r.int(60_000, 200_000),
          'alipay',
          r.pick(w.marketing),
        );
      if (d === 25 && r.chance(0.25))
        await spend(
          'equipment',
          r.int(150_000, 500_000),
          'bank_transfer',
          r.pick(w.equipment),
        );
      if (r.chance(0.1))
        await host.invoke('expenses.create', {
          date: today,
          amount: r.int(50, 800) * 100,
          categoryId: categories['other']!,
          method: 'cash',
          note: r.pick(w.other),
        });
    }

    async function visits(today: string, forClasses: { memberId: number; h: number; m: number }[]): Promise<void> {
      const weekend = [0, 6].includes(dayOfWeek(today));
      const list: { memberId: number; h: number; m: number }[] = [...forClasses];
      for (const p of people) {
        if (p.gone || (p.sub === null && p.pack === null)) continue;
        if (!r.chance(Math.min(0.9, (vpw / 7) * p.keen * (weekend ? 1.2 : 0.95)))) continue;
        const h = weekend
          ? r.int(9, 17)
          : r.weighted({ 7: 10, 8: 6, 12: 8, 13: 4, 17: 10, 18: 22, 19: 22, 20: 12, 21: 6 });
        list.push({ memberId: p.id, h: Number(h), m: r.int(0, 59) });
      }
      list.sort((a, b) => a.h * 60 + a.m - (b.h * 60 + b.m));
      for (const v of list) {
        at(today, v.h, v.m);
        await attempt(() => host.invoke('checkin.checkIn', { memberId: v.memberId }));
      }
    }

    for (let i = 0; i <= days; i++) {
      const today = addDays(start, i);
      at(today, 0, 30);
      await host.invoke('billing.run', {});
      at(today, 9);
      await payInvoicesOf(today, issuedOn.all(today), false);
      // Joins: a first crowd in the opening week, then more each month as word gets around.
      joinsDue +=
        i < 7
          ? (opts.members * 0.12) / 7
          : ((opts.members * 0.88) / Math.max(1, days - 7)) * (0.5 + i / days);
      if (today >= checkinFrom) {
        at(today, 10);
        await followUps.work();
      }
      at(today, 11);
      while (joinsDue >= 1) {
        joinsDue -= 1;
        await join(today);
      }
      await lifeEvents(today);
      for (const fee of await timetable.book(today)) await payNow(fee, 'wechat');
      at(today, 16);
      await collect(today);
      await expenses(today);
      if (today >= checkinFrom) await visits(today, await timetable.arrivals(today));
      at(today, 23);
      await timetable.closeDay(today);
      if (opts.onProgress && i % 10 === 0) opts.onProgress(i / days);
    }
    at(end, 21);
    const count = (sql: string) => (host.db.prepare(sql).get() as { n: number }).n;
    return {
      from: start,
      to: end,
      members: count('SELECT COUNT(*) AS n FROM members'),
      invoices: count('SELECT COUNT(*) AS n FROM invoices'),
      payments: count('SELECT COUNT(*) AS n FROM payments'),
      expenses: count('SELECT COUNT(*) AS n FROM expenses'),
      checkins: count('SELECT COUNT(*) AS n FROM checkins WHERE undone_at IS NULL'),
    };
  }
}

async function setUp(host: Host, locale: DemoLocale): Promise<void> {
  const w = DEMO_WORDS[locale];
  const owner = demoOwner(locale);
  if (!host.settings.get().setupCompleted) {
    await host.invoke('settings.completeSetup', {
      businessName: w.businessName,
      currency: 'CNY',
      locale,
    });
  }
  const status = await host.invoke('auth.status', {});
  if (!status.staffExists) {
    await host.invoke('staff.createOwner', owner);
  }
  if (!(await host.invoke('auth.status', {})).staff) {
    const signedIn = (await host.invoke('auth.status', {})).roster.find(
      (s) => s.name === owner.name,
    );
    if (!signedIn) throw new Error('the sample business needs its owner signed in');
    await host.invoke('auth.signIn', { staffId: signedIn.id, pin: owner.pin });
  }
  await host.invoke('settings.update', {
    address: w.address,
    phone: '010-6500 8888',
    householdDiscountBp: 1000,
    paymentTermsDays: 7,
  });
}

async function createPlans(host: Host, w: (typeof DEMO_WORDS)[DemoLocale]): Promise<Record<PlanKey | PackKey, number>> {
  const make = async (p: object) => (await host.invoke('plans.create', p as never)).id;
  return {
    monthly: await make({
      kind: 'recurring',
      name: w.plans.monthly,
      price: 29900,
      interval: 'month',
      freezeDaysPerYear: 30,
    }),
    premium: await make({
      kind: 'recurring',
      name: w.plans.premium,
      price: 49900,
      interval: 'month',
      setupFee: 20000,
      trialDays: 7,
      freezeDaysPerYear: 60,
    }),
    quarterly: await make({
      kind: 'recurring',
      name: w.plans.quarterly,
      price: 79900,
      interval: 'month',
      intervalCount: 3,
      freezeDaysPerYear: 30,
    }),
    yearly: await make({
      kind: 'recurring',
      name: w.plans.yearly,
      price: 268000,
      interval: 'year',
      freezeDaysPerYear: 60,
    }),
    student: await make({
      kind: 'recurring',
      name: w.plans.student,
      price: 19900,
      interval: 'month',
      alignment: 'calendar',
    }),
    pack10: await make({
      kind: 'pack',
      name: w.plans.pack10,
      price: 60000,
      packSessions: 10,
      packValidDays: 90,
    }),
    pt8: await make({
      kind: 'pack',
      name: w.plans.pt8,
      price: 240000,
      packSessions: 8,
      packValidDays: 60,
    }),
  };
}

/** The UTC instant of a local time on a business date in `zone`. */
export function localInstant(date: string, hour: number, minute: number, zone: string): string {
  const guess = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    hour,
    minute,
  );
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(guess));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess - (shown - guess)).toISOString();
}
