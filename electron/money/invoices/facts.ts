/**
 * The facts each line of a new invoice is stored with. A draft's own facts win; a fact a draft
 * leaves undefined is worked out from the subscription (or is the payer's, for a line for no one
 * member), with the same rules as the backfill of migration 009 (electron/db/line-facts.ts).
 */
import { daysBetween } from '../../../shared/dates';
import { fullPeriodLength, type Schedule } from '../../billing/periods';
import { subTerms } from '../../db/backfill-line-facts';
import { inferInvoiceFacts, type LineFacts, type SubContext } from '../../db/line-facts';
import type { Db } from '../../db/open';
import { lineFactsRepo } from '../../db/repos/line-facts';
import type { LineDraft } from './issue';

const stated = (l: LineDraft) => l.memberId !== undefined && l.listPrice !== undefined && l.daysUsed !== undefined && l.daysInPeriod !== undefined;

export function lineFacts(db: Db, payerId: number, drafts: LineDraft[]): LineFacts[] {
  const inferred = drafts.every(stated)
    ? null
    : inferInvoiceFacts(
        drafts.map((d) => ({
          kind: d.kind,
          subscriptionId: d.subscriptionId ?? null,
          addonId: d.addonId ?? null,
          planId: d.planId ?? null,
          periodStart: d.periodStart ?? null,
          periodEnd: d.periodEnd ?? null,
          amount: d.amount,
        })),
        payerId,
        (subId) => subContext(db, subId),
      );
  return drafts.map((d, i) => {
    const f = inferred?.[i];
    return {
      memberId: d.memberId !== undefined ? d.memberId : (f?.memberId ?? null),
      listPrice: d.listPrice !== undefined ? d.listPrice : (f?.listPrice ?? null),
      daysUsed: d.daysUsed !== undefined ? d.daysUsed : (f?.daysUsed ?? null),
      daysInPeriod: d.daysInPeriod !== undefined ? d.daysInPeriod : (f?.daysInPeriod ?? null),
    };
  });
}

/** The subscription as it stands, and its issued period charges, read when a line needs them. */
function subContext(db: Db, subId: number): SubContext {
  const repo = lineFactsRepo(db);
  const row = repo.subscription(subId);
  return {
    sub: row ? subTerms(row) : null,
    plan: (id) => {
      const p = repo.plan(id);
      return p && { id: p.id, price: p.price, interval: p.interval, count: p.interval_count, alignment: p.alignment };
    },
    addonPrice: (id) => repo.addonPrice(id),
    firstPeriodStart: (planId) => repo.periodCharges(subId, planId)?.first ?? null,
    largestPeriod: (planId) => Math.max(0, repo.periodCharges(subId, planId)?.largest ?? 0),
  };
}

/** Facts of a line with no period and no list price (a setup fee, a late fee): only whom it is for. */
export function oneOffFacts(memberId: number): Pick<LineDraft, 'memberId' | 'listPrice' | 'daysUsed' | 'daysInPeriod'> {
  return { memberId, listPrice: null, daysUsed: null, daysInPeriod: null };
}

/**
 * Facts of a line prorated on a schedule: `span` inside one period, `listPrice` the full-period
 * price (null for a credit, which is no one price), the days against the whole period's length.
 */
export function spanFacts(
  memberId: number,
  schedule: Schedule,
  listPrice: number | null,
  span: { start: string; end: string },
): Pick<LineDraft, 'memberId' | 'listPrice' | 'daysUsed' | 'daysInPeriod'> {
  const daysUsed = daysBetween(span.start, span.end);
  return { memberId, listPrice, daysUsed, daysInPeriod: Math.max(daysUsed, fullPeriodLength(schedule, span)) };
}
