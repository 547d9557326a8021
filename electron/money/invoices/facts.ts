/**
 * The facts each line of a new invoice is stored with. A draft's own facts win; a fact a draft
 * leaves undefined is worked out from the subscription (or is the payer's, for a line for no one
 * member), with the same rules as the backfill of migration 009 (electron/db/line-facts.ts).
 */
import { daysBetween } from '../../../shared/dates';
import { fullPeriodLength, type Alignment, type Interval, type Schedule } from '../../billing/periods';
import { subTerms } from '../../db/backfill-line-facts';
import { inferInvoiceFacts, type LineFacts, type SubContext } from '../../db/line-facts';
import type { Db } from '../../db/open';
import { prepared } from '../../db/statements';
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

type SubRow = Parameters<typeof subTerms>[0];

/** The subscription as it stands, and its issued period charges, read when a line needs them. */
function subContext(db: Db, subId: number): SubContext {
  const row = prepared<[number], SubRow>(db, 'SELECT * FROM subscriptions WHERE id = ?').get(subId);
  const charges = (planId: number | null) =>
    prepared<[number, number | null], { first: string | null; largest: number | null }>(
      db,
      `SELECT MIN(l.period_start) AS first, MAX(l.amount) AS largest FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
        WHERE l.subscription_id = ? AND l.plan_id IS ? AND l.kind = 'period' AND i.status = 'issued' AND l.period_start IS NOT NULL`,
    ).get(subId, planId);
  return {
    sub: row ? subTerms(row) : null,
    plan: (id) => {
      const p = prepared<[number], { id: number; price: number; interval: Interval | null; interval_count: number | null; alignment: Alignment | null }>(
        db,
        'SELECT id, price, interval, interval_count, alignment FROM plans WHERE id = ?',
      ).get(id);
      return p && { id: p.id, price: p.price, interval: p.interval, count: p.interval_count, alignment: p.alignment };
    },
    addonPrice: (id) => prepared<[number], { price: number }>(db, 'SELECT price FROM subscription_addons WHERE id = ?').get(id)?.price,
    firstPeriodStart: (planId) => charges(planId)?.first ?? null,
    largestPeriod: (planId) => Math.max(0, charges(planId)?.largest ?? 0),
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
