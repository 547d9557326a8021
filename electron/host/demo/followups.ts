/**
 * The sample gym's follow-up history (回访): each morning the desk works a few items of the daily
 * list the owner's rules build, and records what came of each call: reached, no answer, will renew,
 * renewed (a pack bought there and then) or not interested (with one of the owner's reasons), with
 * the member's satisfaction when they were reached.
 */
import type { RenewalItem } from '../../contract/followup';
import type { Host } from '../host';
import type { Random } from './random';
import type { DEMO_WORDS, DemoLocale } from './words';

export interface DemoFollowUpDeps {
  host: Host;
  r: Random;
  w: (typeof DEMO_WORDS)[DemoLocale];
  /** Calls a day: about this many (at least one). */
  perDay: number;
  /** Sells the member another pack (a renewal won on the phone); false when they cannot have one now. */
  renewPack(memberId: number): Promise<boolean>;
}

type Outcome = 'reached' | 'no_answer' | 'will_renew' | 'renewed' | 'not_interested';

export function createDemoFollowUps(deps: DemoFollowUpDeps) {
  const { host, r, w } = deps;

  async function record(item: RenewalItem): Promise<void> {
    const packReason = item.reason === 'pack_ending' || item.reason === 'pack_low';
    let outcome = r.weighted<Outcome>({ reached: 30, no_answer: 25, will_renew: 18, renewed: packReason ? 15 : 0, not_interested: 12 });
    if (outcome === 'renewed' && !(await deps.renewPack(item.memberId))) outcome = 'will_renew';
    const reached = outcome !== 'no_answer';
    await host.invoke('renewals.record', {
      memberId: item.memberId,
      reason: item.reason,
      outcome,
      ...(outcome === 'not_interested' ? { lostReason: r.pick(host.settings.get().cancelReasons) } : {}),
      ...(reached && r.chance(0.7) ? { satisfaction: Number(r.weighted({ '5': 35, '4': 40, '3': 17, '2': 6, '1': 2 })) } : {}),
      comment: reached && r.chance(0.4) ? r.pick(w.followUp.comments) : '',
    });
  }

  /** The morning's calls: the first items of today's list not yet worked. */
  async function work(): Promise<void> {
    const open = (await host.invoke('renewals.today', {})).items.filter((i) => i.done === null);
    const calls = Math.min(open.length, Math.max(1, Math.round(deps.perDay * (0.5 + r.next()))));
    for (const item of open.slice(0, calls)) await record(item);
  }

  return { work };
}
