/**
 * The one rule for what a subscription is on a day, from dated facts: ended, not started, in its
 * trial, paused or active. `standingOn` feeds it the state the machine reached on that day; the MRR
 * report feeds it the stored history (start, first billed day, end date, pause rows), so both read
 * the same precedence and the same half-open spans [start, end).
 */
export type StandingState = 'active' | 'trialing' | 'paused' | 'not_started' | 'ended';

export interface PhaseFacts {
  /** First day of the subscription. */
  start: string;
  /** First day of paid service (a trial ends here); null: nothing billed yet, still trialing. */
  paidFrom: string | null;
  /** First day it is over; null: open-ended. */
  end: string | null;
  /** Freezes [start, end); end null = until further notice. */
  pauses: readonly { start: string; end: string | null }[];
}

const covers = (p: { start: string; end: string | null }, date: string) => p.start <= date && (p.end === null || date < p.end);

/** Ended wins, then not started, then the trial (a freeze booked in a trial waits for its end), then a freeze. */
export function phaseOn(f: PhaseFacts, date: string): StandingState {
  if (f.end !== null && date >= f.end) return 'ended';
  if (date < f.start) return 'not_started';
  if (f.paidFrom === null || date < f.paidFrom) return 'trialing';
  if (f.pauses.some((p) => covers(p, date))) return 'paused';
  return 'active';
}
