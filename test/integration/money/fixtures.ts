/** Shared set-up for the money tests: a host with a business, members, and invoices to pay. */
import type { Host } from '../../../electron/host/host';
import { makeHost, type TestHost } from '../../support/host';

export async function moneyHost(startDate = '2026-03-02'): Promise<TestHost> {
  return makeHost({ setup: true, startDate });
}

export function member(host: Host, name: string, opts: { phone?: string; payerId?: number } = {}): number {
  const at = '2026-01-01T00:00:00.000Z';
  const info = host.db
    .prepare('INSERT INTO members (name, phone, payer_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run(name, opts.phone ?? '', opts.payerId ?? null, at, at);
  return Number(info.lastInsertRowid);
}

import { todayInZone } from '../../../shared/dates';
import { issueInvoice } from '../../../electron/money/invoices/issue';

/**
 * An invoice of `amount` (one tax-free line) to `payerId`, issued on `date` (default today); its line is
 * for `forMembers` (default the payer), split evenly when several.
 */
export function invoice(th: TestHost, payerId: number, amount: number, date?: string, forMembers?: number[]): { id: number; number: string } {
  const host = th.host;
  const env = { db: host.db, settings: host.settings, now: th.clock.now, today: () => todayInZone(th.clock.now(), host.settings.get().timeZone) };
  return host.db.transaction(() =>
    issueInvoice(
      env,
      {
        payerId,
        issueDate: date ?? env.today(),
        lines: (forMembers ?? [payerId]).map((memberId, _, all) => ({ kind: 'adjustment' as const, description: 'Membership', amount: amount / all.length, taxRateBp: 0, memberId })),
      },
      () => undefined,
    ),
  )();
}
