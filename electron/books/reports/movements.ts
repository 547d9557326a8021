/**
 * MRR, customers and their movements per monthly bucket, from each member's MRR spans.
 * Pure: the spans come from report_mrr_spans (facts.ts), the buckets from metrics.monthlyBuckets.
 */
import type { MrrReport, MrrRow } from '../../contract/reports';
import {
  classifyMovement,
  customerChurnBp,
  emptyMovements,
  grossRevenueChurnBp,
  lifetimeValue,
  netNewMrr,
  netRevenueChurnBp,
  nrrBp,
  perHead,
  pooledChurnBp,
  ratioBp,
  type Bucket,
  type Movements,
  type Snapshot,
} from './metrics';
import { dayBefore, type Segment } from './mrr';

/** A member's MRR on each of the (ascending) days, null where they were not a customer. */
export function valuesOn(spans: Segment[], days: string[]): (number | null)[] {
  return snapshotsOn(spans, days).map((s) => (s === null ? null : s.mrr));
}

/**
 * A member's snapshot (MRR, list MRR, frozen subscriptions) on each of the (ascending) days, into `out`
 * when given (the report reuses one array for every member: 59,000 members × 37 days of garbage otherwise).
 */
export function snapshotsOn(spans: Segment[], days: string[], out: (Snapshot | null)[] = []): (Snapshot | null)[] {
  let i = 0;
  for (let k = 0; k < days.length; k++) {
    const d = days[k]!;
    while (i < spans.length && spans[i]!.end <= d) i++;
    const s = spans[i];
    out[k] = s && s.start <= d ? s : null;
  }
  out.length = days.length;
  return out;
}

/**
 * The first span of a member who was a customer only inside (start, end]: joined after the
 * snapshot at the bucket's start and gone before the one at its end. Undefined when none.
 */
function spanWithin(spans: Segment[], after: string, upTo: string): Segment | undefined {
  return spans.find((s) => s.start > after && s.start <= upTo);
}

interface Tally extends Movements {
  discountEnded: number;
  startMrr: number;
  endMrr: number;
  customersStart: number;
  customersEnd: number;
  payingEnd: number;
  newCustomers: number;
  reactivatedCustomers: number;
  lostCustomers: number;
  /** Lost of those who were customers at the bucket's start: the churn rate's numerator (a member who joined and
   * left inside the bucket is lost in the counts, which must add up, but is on neither side of the rate). */
  lostFromStart: number;
}

const emptyTally = (): Tally => ({
  ...emptyMovements(),
  discountEnded: 0,
  startMrr: 0,
  endMrr: 0,
  customersStart: 0,
  customersEnd: 0,
  payingEnd: 0,
  newCustomers: 0,
  reactivatedCustomers: 0,
  lostCustomers: 0,
  lostFromStart: 0,
});

/** The MRR report over `buckets` (contiguous, ascending) from every member's spans. */
export function mrrReport(spansByMember: Iterable<Segment[]>, buckets: Bucket[], from: string, to: string): MrrReport {
  const days = buckets.length ? [dayBefore(buckets[0]!.start), ...buckets.map((b) => b.end)] : [];
  const tallies = buckets.map(emptyTally);
  // MRR that joined and left inside a bucket: in "churned" (the bucket must add up), not in the revenue churn rates.
  const joinedChurn = buckets.map(() => 0);
  let cohortStart = 0;
  let cohortEnd = 0;
  const v: (Snapshot | null)[] = [];
  for (const spans of spansByMember) {
    if (spans.length === 0) continue;
    const first = spans[0]!.start;
    snapshotsOn(spans, days, v);
    if (v[0]) {
      cohortStart += v[0].mrr;
      cohortEnd += v[v.length - 1]?.mrr ?? 0;
    }
    for (let k = 0; k < buckets.length; k++) {
      const prev = v[k]!;
      const cur = v[k + 1]!;
      const t = tallies[k]!;
      if (prev !== null) {
        t.customersStart++;
        t.startMrr += prev.mrr;
      }
      if (cur !== null) {
        t.customersEnd++;
        t.endMrr += cur.mrr;
        if (cur.mrr > 0) t.payingEnd++;
      }
      if (prev === null && cur === null) {
        if (first <= days[k + 1]!) joinedChurn[k]! += joinedAndLeft(t, spans, days[k]!, days[k + 1]!, first);
        continue;
      }
      // Most members keep their state from one month to the next: nothing moved (the same span).
      if (prev === cur) continue;
      if (prev !== null && cur === null) t.lostFromStart++;
      const customerBefore = prev === null && first <= days[k]!;
      tallyMove(t, classifyMovement(prev, cur, customerBefore));
    }
  }
  const rows: MrrRow[] = buckets.map((b, k) => {
    const t = tallies[k]!;
    const arpu = perHead(t.endMrr, t.payingEnd);
    const trailing = tallies.slice(Math.max(0, k - 2), k + 1).map((x) => ({ lost: x.lostFromStart, atStart: x.customersStart }));
    return {
      ...b,
      ...t,
      netNew: netNewMrr(t),
      customerChurnBp: customerChurnBp(t.lostFromStart, t.customersStart),
      grossRevenueChurnBp: grossRevenueChurnBp(fromStart(t, joinedChurn[k]!), t.startMrr),
      netRevenueChurnBp: netRevenueChurnBp(fromStart(t, joinedChurn[k]!), t.startMrr),
      nrrBp: nrrBp(fromStart(t, joinedChurn[k]!), t.startMrr),
      arpu,
      ltv: lifetimeValue(arpu, pooledChurnBp(trailing)),
    };
  });
  return { from, to, rows, totals: totalsOf(rows, cohortStart, cohortEnd, joinedChurn.reduce((a, x) => a + x, 0)) };
}

function tallyMove(t: Tally, move: ReturnType<typeof classifyMovement>): void {
  if (!move) return;
  t[move.kind] += move.amount;
  t.discountEnded += move.discountEnded;
  if (move.kind === 'new') t.newCustomers++;
  if (move.kind === 'reactivation') t.reactivatedCustomers++;
  if (move.kind === 'churned') t.lostCustomers++;
}

/**
 * A member who was a customer at neither snapshot but joined and left in between counts both
 * ways: new (or reactivated) with the MRR they joined at, and churned with the same amount, so
 * the bucket's MRR still adds up and the member is neither lost from the counts nor invented.
 */
function joinedAndLeft(t: Tally, spans: Segment[], after: string, upTo: string, first: string): number {
  const s = spanWithin(spans, after, upTo);
  if (!s) return 0;
  tallyMove(t, classifyMovement(null, s, first < s.start));
  const left = classifyMovement(s, null, true);
  tallyMove(t, left);
  return left?.kind === 'churned' ? left.amount : 0;
}

/** The movements as the revenue rates read them: only MRR there at the bucket's start can churn out of it. */
const fromStart = (m: Movements, joinedChurn: number): Movements => ({ ...m, churned: m.churned - joinedChurn });

function totalsOf(rows: MrrRow[], cohortStart: number, cohortEnd: number, joinedChurn: number): MrrReport['totals'] {
  const sum = (f: (r: MrrRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const moves: Movements = {
    new: sum((r) => r.new),
    expansion: sum((r) => r.expansion),
    contraction: sum((r) => r.contraction),
    churned: sum((r) => r.churned),
    reactivation: sum((r) => r.reactivation),
    paused: sum((r) => r.paused),
    resumed: sum((r) => r.resumed),
  };
  const first = rows[0];
  const last = rows[rows.length - 1];
  const startMrr = first?.startMrr ?? 0;
  const churn = pooledChurnBp(rows.map((r) => ({ lost: r.lostFromStart, atStart: r.customersStart })));
  const arpu = last ? last.arpu : null;
  return {
    ...moves,
    discountEnded: sum((r) => r.discountEnded),
    startMrr,
    endMrr: last?.endMrr ?? 0,
    netNew: netNewMrr(moves),
    customersStart: first?.customersStart ?? 0,
    customersEnd: last?.customersEnd ?? 0,
    newCustomers: sum((r) => r.newCustomers),
    reactivatedCustomers: sum((r) => r.reactivatedCustomers),
    lostCustomers: sum((r) => r.lostCustomers),
    lostFromStart: sum((r) => r.lostFromStart),
    customerChurnBp: churn,
    // Monthly averages over the range: the movements ÷ the sum of each bucket's starting MRR.
    grossRevenueChurnBp: grossRevenueChurnBp(fromStart(moves, joinedChurn), sum((r) => r.startMrr)),
    netRevenueChurnBp: netRevenueChurnBp(fromStart(moves, joinedChurn), sum((r) => r.startMrr)),
    nrrBp: ratioBp(cohortEnd, cohortStart),
    arpu,
    ltv: lifetimeValue(arpu, churn),
  };
}
