/**
 * The late-fee job (docs/billing.md, "Invoices and money"): once an invoice is more than settings.lateFeeAfterDays
 * days past due with a balance, the payer is billed settings.lateFee on an invoice of its own,
 * exactly once per invoice — late_fees has the invoice as its primary key and each fee is one
 * transaction, so repeated or interrupted runs never bill it twice. A fee invoice earns no fee.
 * lateFee = 0 switches it off. Runs at start-up, hourly and after midnight.
 */
import { addDays } from '../../../shared/dates';
import { isDayClosed } from '../closeout/lock';
import type { Locale } from '../../contract/settings';
import type { BillingEnv } from '../invoices/env';
import { issueInvoice } from '../invoices/issue';
import { oneOffFacts } from '../invoices/facts';
import type { Job } from '../../contract/handler';
import { lateFeesRepo } from '../../db/repos/late-fees';

export interface LateFeeDeps extends BillingEnv {
  auditSystem(channel: string, entity: string, entityId: string | number, before: unknown, after: unknown): void;
}

const DESCRIPTION: Record<Locale, (number: string) => string> = {
  en: (n) => `Late fee – ${n}`,
  'zh-CN': (n) => `滞纳金 – ${n}`,
};

/** Bills the late fees due today; returns how many were added. */
export function runLateFees(deps: LateFeeDeps): number {
  const { lateFee, lateFeeAfterDays, locale } = deps.settings.get();
  const today = deps.today();
  // A closed day takes no new invoices: the fees wait for the next open day.
  if (lateFee === 0 || isDayClosed(deps.db, today)) return 0;
  const audit = (entity: string, id: string | number, before: unknown, after: unknown) => deps.auditSystem('latefees.run', entity, id, before, after);
  let added = 0;
  const repo = lateFeesRepo(deps.db);
  for (const inv of repo.candidates(addDays(today, -lateFeeAfterDays))) {
    try {
      deps.db.transaction(() => {
        if (!repo.stillWithoutFee(inv.id)) return;
        const fee = issueInvoice(
          deps,
          { payerId: inv.payer_id, issueDate: today, lines: [{ kind: 'late_fee', description: DESCRIPTION[locale](inv.number), amount: lateFee, taxRateBp: 0, ...oneOffFacts(inv.payer_id) }] },
          audit,
        );
        repo.insert({ invoice_id: inv.id, fee_invoice_id: fee.id, amount: fee.total, date: today, created_at: deps.now().toISOString() });
        audit('late_fee', inv.id, null, { invoiceId: inv.id, feeInvoiceId: fee.id, feeNumber: fee.number, amount: fee.total });
        added++;
      })();
    } catch (e) {
      console.error(`[late fees] invoice ${inv.number}:`, e);
    }
  }
  return added;
}

export function lateFeeJob(deps: LateFeeDeps): Job {
  return { name: 'late-fees', triggers: ['startup', 'hourly', 'midnight'], run: () => void runLateFees(deps) };
}
