/**
 * The preview: the billing run itself, inside a transaction that is rolled back. No second
 * code path, so what the preview shows (invoice numbers, lines, taxes) is what the run will do;
 * the run's rules are the state machine's, shared with the forecast and the desk's standing.
 */
import type { BillingPreview, PreviewInvoice } from '../../contract/billing-types';
import type { AuditFn, BillingEnv } from '../invoices/env';
import { invoiceLines } from '../invoices/read';
import { DEFAULT_BATCH, rolledBack, runBilling } from './run';
import { billingRunsRepo } from '../../db/repos/billing-runs';

function invoicesAfter(env: BillingEnv, afterId: number): PreviewInvoice[] {
  return billingRunsRepo(env.db)
    .invoicesAfter(afterId)
    .map((i) => ({
      payerId: i.payer_id,
      payerName: i.payer_name,
      issueDate: i.issue_date,
      dueDate: i.due_date,
      total: i.total,
      lines: invoiceLines(env.db, i.id).map((l) => ({
        kind: l.kind,
        description: l.description,
        subscriptionId: l.subscriptionId,
        periodStart: l.periodStart,
        periodEnd: l.periodEnd,
        amount: l.amount,
        taxRateBp: l.taxRateBp,
        net: l.net,
        tax: l.tax,
        gross: l.gross,
      })),
    }));
}

/** What a run as of `asOf` would invoice (including anything still due before it). */
export function previewBilling(env: BillingEnv, asOf: string, audit: AuditFn): BillingPreview {
  return rolledBack(env, () => {
    const before = billingRunsRepo(env.db).maxInvoiceId();
    runBilling(env, 'manual', asOf, audit, DEFAULT_BATCH, true); // a preview shows, it never waits for the owner
    const invoices = invoicesAfter(env, before);
    const feeInvoices = invoices.filter((i) => i.lines.some((l) => l.kind === 'late_fee'));
    return {
      asOf,
      invoices,
      count: invoices.length,
      total: invoices.reduce((s, i) => s + i.total, 0),
      lateFees: {
        invoices: feeInvoices.length,
        fees: feeInvoices.reduce((n, i) => n + i.lines.filter((l) => l.kind === 'late_fee').length, 0),
        // The fees alone: a payer's fees may ride on their period invoice of the day.
        total: feeInvoices.reduce((s, i) => s + i.lines.reduce((t, l) => t + (l.kind === 'late_fee' ? l.gross : 0), 0), 0),
      },
    };
  });
}
