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
} from './metrics';
import { dayBefore, type Segment } from './mrr';

/** A member's MRR on each of the (ascending) days, null where they were not a customer. */
export function valuesOn(spans: Segment[], days: string[]): (number | null)[] {
  const out: (number | null)[] = [];
  let i = 0;
  for (const d of days) {
    while (i < spans.length && spans[i]!.end <= d) i++;
    const s = spans[i];
    out.push(s && s.start <= d ? s.mrr : null);
  }
  return out;
}

interface Tally extends Movements {
  startMrr: number;
  endMrr: number;
  customersStart: number;
  customersEnd: number;
  payingEnd: number;
  newCustomers: number;
  reactivatedCustomers: number;
  lostCustomers: number;
}

const emptyTally = (): Tally => ({
  ...emptyMovements(),
  startMrr: 0,
  endMrr: 0,
  customersStart: 0,
  customersEnd: 0,
  payingEnd: 0,
  newCustomers: 0,
  reactivatedCustomers: 0,
  lostCustomers: 0,
});

/** The MRR report over `buckets` (contiguous, ascending) from every member's spans. */
export function mrrReport(spansByMember: Iterable<Segment[]>, buckets: Bucket[], from: string, to: string): MrrReport {
  const days = buckets.length ? [dayBefore(buckets[0]!.start), ...buckets.map((b) => b.end)] : [];
  const tallies = buckets.map(emptyTally);
  let cohortStart = 0;
  let cohortEnd = 0;
  for (const spans of spansByMember) {
    if (spans.length === 0) continue;
    const first = spans[0]!.start;
    const v = valuesOn(spans, days);
    if (v[0] !== null && v[0] !== undefined) {
      cohortStart += v[0];
      cohortEnd += v[v.length - 1] ?? 0;
    }
    for (let k = 0; k < buckets.length; k++) {
      const prev = v[k]!;
      const cur = v[k + 1]!;
      const t = tallies[k]!;
      if (prev !== null) {
        t.customersStart++;
        t.startMrr += prev;
      }
      if (cur !== null) {
        t.customersEnd++;
        t.endMrr += cur;
        if (cur > 0) t.payingEnd++;
      }
      // Most members keep their MRR from one month to the next: nothing moved (classifyMovement's null).
      if (prev === cur) continue;
      const move = classifyMovement(prev, cur, prev === null && first <= days[k]!);
      if (!move) continue;
      t[move.kind] += move.amount;
      if (move.kind === 'new') t.newCustomers++;
      if (move.kind === 'reactivation') t.reactivatedCustomers++;
      if (move.kind === 'churned') t.lostCustomers++;
    }
  }
  const rows: MrrRow[] = buckets.map((b, k) => {
    const t = tallies[k]!;
    const arpu = perHead(t.endMrr, t.payingEnd);
    const trailing = tallies.slice(Math.max(0, k - 2), k + 1).map((x) => ({ lost: x.lostCustomers, atStart: x.customersStart }));
    return {
      ...b,
      ...t,
      netNew: netNewMrr(t),
      customerChurnBp: customerChurnBp(t.lostCustomers, t.customersStart),
      grossRevenueChurnBp: grossRevenueChurnBp(t, t.startMrr),
      netRevenueChurnBp: netRevenueChurnBp(t, t.startMrr),
      nrrBp: nrrBp(t, t.startMrr),
      arpu,
      ltv: lifetimeValue(arpu, pooledChurnBp(trailing)),
    };
  });
  return { from, to, rows, totals: totalsOf(rows, cohortStart, cohortEnd) };
}

function totalsOf(rows: MrrRow[], cohortStart: number, cohortEnd: number): MrrReport['totals'] {
  const sum = (f: (r: MrrRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const moves: Movements = {
    new: sum((r) => r.new),
    expansion: sum((r) => r.expansion),
    contraction: sum((r) => r.contraction),
    churned: sum((r) => r.churned),
    reactivation: sum((r) => r.reactivation),
  };
  const first = rows[0];
  const last = rows[rows.length - 1];
  const startMrr = first?.startMrr ?? 0;
  const churn = pooledChurnBp(rows.map((r) => ({ lost: r.lostCustomers, atStart: r.customersStart })));
  const arpu = last ? last.arpu : null;
  return {
    ...moves,
    startMrr,
    endMrr: last?.endMrr ?? 0,
    netNew: netNewMrr(moves),
    customersStart: first?.customersStart ?? 0,
    customersEnd: last?.customersEnd ?? 0,
    newCustomers: sum((r) => r.newCustomers),
    reactivatedCustomers: sum((r) => r.reactivatedCustomers),
    lostCustomers: sum((r) => r.lostCustomers),
    customerChurnBp: churn,
    // Monthly averages over the range: the movements ÷ the sum of each bucket's starting MRR.
    grossRevenueChurnBp: grossRevenueChurnBp(moves, sum((r) => r.startMrr)),
    netRevenueChurnBp: netRevenueChurnBp(moves, sum((r) => r.startMrr)),
    nrrBp: ratioBp(cohortEnd, cohortStart),
    arpu,
    ltv: lifetimeValue(arpu, churn),
  };
}
