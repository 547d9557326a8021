/**
 * Where a subscription stands on a date, found by playing the machine forward in memory: the
 * same steps the billing run will take, so the desk can never disagree with the run.
 */
import { NEVER, isLiveState, openPauseOf, type SubState, type Terms } from './state';
import { stepAlone, stepPayer, wake } from './machine';
import { phaseOn, type PhaseFacts, type StandingState } from './phase';

export type { StandingState };

export interface SubStanding {
  state: StandingState;
  /** First day not yet invoiced once `date` is billed (null when nothing more will be). */
  paidThrough: string | null;
  /** The real end: a fixed term's last day moved by pauses, a cancel date; null when open-ended. */
  endsOn: string | null;
  /** First day back from the pause in force on `date` (null when open-ended or not paused). */
  pausedUntil: string | null;
  /** The state after `date`'s billing, for callers that need more (quota period, plan). */
  after: SubState;
}

/** How far ahead a term's end is looked for: far more periods than any fixed term has. */
const MAX_STEPS = 2_000;

/** The date its end is set, projected: only a fixed term without renewal ends by itself. */
function projectedEnd(s: SubState, terms: Terms): string | null {
  let cur = s;
  for (let n = 0; n < MAX_STEPS && isLiveState(cur); n++) {
    if (cur.end_date !== null) return cur.end_date;
    const w = wake(cur);
    if (w === NEVER) return null;
    // A subscription that renews and has nothing pending never ends by itself.
    if (cur.term_periods === null || cur.auto_renew) {
      if (cur.pending_plan_id === null) return null;
    }
    cur = stepPayer([cur], w, terms).states[0]!;
  }
  return cur.end_date;
}

/** Frozen in extend mode until further notice: the end date waits to move by days not known yet. */
function frozenOpenEnded(s: SubState): boolean {
  const open = s.status === 'paused' ? openPauseOf(s) : undefined;
  return open?.mode === 'extend' && open.end_date === null;
}

/**
 * The dated facts of a state already stepped to `date`: no longer live means it ended by then; a
 * trial runs to its anchor; the freeze in force (a paused row without its pause: until further notice).
 */
export function phaseFactsOf(s: SubState, date: string): PhaseFacts {
  const open = s.status === 'paused' ? openPauseOf(s) : undefined;
  return {
    start: s.start_date,
    paidFrom: s.status === 'trialing' ? s.anchor_date : s.start_date,
    end: !isLiveState(s) ? date : frozenOpenEnded(s) ? null : s.end_date,
    pauses: s.status !== 'paused' ? [] : [{ start: open?.start_date ?? date, end: open?.end_date ?? null }],
  };
}

/** The subscription's standing on `date`, as it will be once that day's run has billed it. */
export function standingOn(state: SubState, date: string, terms: Terms): SubStanding {
  const s = stepAlone(state, date, terms);
  const live = isLiveState(s);
  const st = phaseOn(phaseFactsOf(s, date), date);
  const pause = st === 'paused' ? openPauseOf(s) : undefined;
  return {
    state: st,
    paidThrough: live ? s.next_bill_date : null,
    endsOn: live ? projectedEnd(s, terms) : s.end_date,
    pausedUntil: pause?.end_date ?? null,
    after: s,
  };
}
