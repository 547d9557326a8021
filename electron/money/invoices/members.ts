/** Whom invoices are for: the members their lines name, read for many invoices in one query. */
import type { Db } from '../../db/open';
import { prepared } from '../../db/statements';
import { namesLines } from '../../../shared/household';

export interface InvoiceMember {
  id: number;
  name: string;
}

/**
 * The members each invoice's lines are for, in line order, each once (a line naming no one is
 * the payer's). An invoice whose lines are all the payer's own maps to [] when `onlyWhenNamed`:
 * the rule of `namesLines` says its lines need no names.
 */
export function invoiceMembers(db: Db, invoiceIds: readonly number[], onlyWhenNamed = true): Map<number, InvoiceMember[]> {
  const out = new Map<number, InvoiceMember[]>(invoiceIds.map((id) => [id, []]));
  if (invoiceIds.length === 0) return out;
  const rows = prepared<[string], { invoice_id: number; payer_id: number; member_id: number; name: string }>(
    db,
    `SELECT l.invoice_id, i.payer_id, m.id AS member_id, m.name, MIN(l.position) AS first
       FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id JOIN members m ON m.id = COALESCE(l.member_id, i.payer_id)
      WHERE l.invoice_id IN (SELECT value FROM json_each(?))
      GROUP BY l.invoice_id, m.id ORDER BY l.invoice_id, first`,
  ).all(JSON.stringify(invoiceIds));
  const payers = new Map<number, number>();
  for (const r of rows) {
    out.get(r.invoice_id)?.push({ id: r.member_id, name: r.name });
    payers.set(r.invoice_id, r.payer_id);
  }
  if (onlyWhenNamed) {
    for (const [id, payer] of payers) if (!namesLines(payer, out.get(id)!.map((m) => m.id))) out.set(id, []);
  }
  return out;
}
