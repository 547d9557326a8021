import { afterEach, describe, expect, it } from 'vitest';
import { makeHost, type TestHost } from '../../support/host';

let th: TestHost | undefined;
afterEach(() => th?.close());

/** SQLite's plan for a statement, as one line per step. */
function plan(th: TestHost, sql: string): string {
  return (th.host.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1) as { detail: string }[]).map((r) => r.detail).join('\n');
}

describe('lookups the money code makes per row', () => {
  it.each([
    ['refunds of a payment', 'SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE payment_id = ?', 'refunds_payment'],
    ['refunds of a credit note', 'SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE credit_note_id = ?', 'refunds_credit_note'],
    ['the bonus a top-up earned', 'SELECT id, amount FROM bonus_grants WHERE payment_id = ?', 'bonus_grants_payment'],
    ['credit notes of an invoice', 'SELECT COALESCE(SUM(total), 0) FROM credit_notes WHERE invoice_id = ?', 'credit_notes_invoice'],
    ['credits of an invoice line', 'SELECT SUM(gross) FROM credit_note_lines WHERE invoice_line_id = ?', 'credit_note_lines_invoice_line'],
  ])('reads %s through an index, not a table scan', async (_what, sql, index) => {
    th = await makeHost();
    expect(plan(th, sql)).toMatch(new RegExp(`USING (COVERING )?INDEX ${index}\\b`));
  });
});
