/**
 * The report summaries of a billing batch, kept once per batch instead of once per row.
 *
 * Per row, four triggers keep the summaries the run's rows touch: an issued invoice adds to the
 * month's invoiced sums (`report_monthly`) and opens its balance (`report_open_invoices`); an
 * invoice line and a subscription update mark the member for the facts refresh
 * (`report_dirty_members`). Inside a write batch (electron/db/write-batch.ts) the run opens a
 * report batch first: one row in `report_batch` holds the last invoice and line ids before the
 * batch, and those four triggers skip while it exists (migration 024). The batch's flush, in the
 * same transaction before the commit, does their work set-based from the rows after those ids
 * (and for the subscriptions the batch's units updated, which the repository notes here), then
 * deletes the row. The row can never be committed: its deferred self-reference fails any COMMIT
 * that still holds it. A unit rolled back to its savepoint takes its rows and its notes with it,
 * so it leaves nothing behind in the summaries. Every guard (closed days, caps) fires per row as before.
 */
import type { Db } from './open';
import { batchPart, openBatchPart, type BatchPart } from './write-batch';

const KEY = 'report_batch';

interface Statements {
  open: { run(): unknown };
  monthly: { run(p: { inv: number }): unknown };
  openBalances: { run(p: { inv: number }): unknown };
  dirtyFromLines: { run(p: { line: number }): unknown };
  dirtyFromSubs: { run(p: { ids: string }): unknown };
  close: { run(): unknown };
  marker: { get(): { after_invoice: number; after_line: number } | undefined };
}

const statements = new WeakMap<Db, Statements>();

function prepared(db: Db): Statements {
  let s = statements.get(db);
  if (s) return s;
  s = {
    open: db.prepare(
      `INSERT INTO report_batch (id, after_invoice, after_line)
       VALUES (1, (SELECT COALESCE(MAX(id), 0) FROM invoices), (SELECT COALESCE(MAX(id), 0) FROM invoice_lines))`,
    ),
    marker: db.prepare('SELECT after_invoice, after_line FROM report_batch WHERE id = 1'),
    // What report_invoices_ins adds per issued invoice, summed per month.
    monthly: db.prepare(
      `INSERT INTO report_monthly (month, measure, key, amount)
       SELECT substr(issue_date, 1, 7), m.measure, '', SUM(CASE m.measure WHEN 'invoiced_net' THEN subtotal ELSE tax_total END)
         FROM invoices, (SELECT 'invoiced_net' AS measure UNION ALL SELECT 'invoiced_tax') AS m
        WHERE id > @inv AND status = 'issued'
        GROUP BY 1, 2
       ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount`,
    ),
    // What report_open_ins opened and report_open_alloc_ins took down: the total less what was allocated, while above 0.
    openBalances: db.prepare(
      `INSERT INTO report_open_invoices (invoice_id, payer_id, issue_date, due_date, balance)
       SELECT id, payer_id, issue_date, due_date, balance FROM (
         SELECT i.id, i.payer_id, i.issue_date, i.due_date,
                i.total - COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.invoice_id = i.id), 0) AS balance
           FROM invoices i
          WHERE i.id > @inv AND i.status = 'issued' AND i.total > 0)
        WHERE balance > 0
       ON CONFLICT (invoice_id) DO UPDATE SET balance = excluded.balance`,
    ),
    // What report_dirty_line_ins marks: the member on each line's subscription.
    dirtyFromLines: db.prepare(
      `INSERT OR IGNORE INTO report_dirty_members (member_id)
       SELECT s.member_id FROM invoice_lines l JOIN subscriptions s ON s.id = l.subscription_id WHERE l.id > @line`,
    ),
    // What report_dirty_sub_upd marks: the member of each subscription the batch updated.
    dirtyFromSubs: db.prepare(
      `INSERT OR IGNORE INTO report_dirty_members (member_id)
       SELECT member_id FROM subscriptions WHERE id IN (SELECT value FROM json_each(@ids))`,
    ),
    close: db.prepare('DELETE FROM report_batch'),
  };
  statements.set(db, s);
  return s;
}

class ReportPart implements BatchPart {
  /** Subscriptions the batch's units updated, in order (a unit's undo cuts the list back). */
  private readonly subs: number[] = [];
  constructor(private readonly db: Db) {}
  note(subId: number): void {
    this.subs.push(subId);
  }
  mark(): unknown {
    return this.subs.length;
  }
  undo(mark: unknown): void {
    this.subs.length = mark as number;
  }
  flush(): void {
    const s = prepared(this.db);
    const marker = s.marker.get();
    if (!marker) throw new Error('the report batch lost its marker row');
    s.monthly.run({ inv: marker.after_invoice });
    s.openBalances.run({ inv: marker.after_invoice });
    s.dirtyFromLines.run({ line: marker.after_line });
    if (this.subs.length) s.dirtyFromSubs.run({ ids: JSON.stringify([...new Set(this.subs)]) });
    s.close.run();
  }
}

/**
 * Opens a report batch in the write batch open on `db` (call it first in the batch, inside its
 * transaction): the four report triggers skip from now until the batch's flush does their work.
 * Does nothing when one is open already; throws outside a write batch.
 */
export function openReportBatch(db: Db): void {
  if (openBatchPart(db, KEY)) return;
  batchPart(db, KEY, () => {
    prepared(db).open.run();
    return new ReportPart(db);
  });
  if (!openBatchPart(db, KEY)) throw new Error('a report batch opens inside a write batch');
}

/** A subscription row was updated: inside a report batch its member is marked at the flush (outside, the trigger marks it). */
export function noteSubscriptionUpdated(db: Db, subId: number): void {
  openBatchPart<ReportPart>(db, KEY)?.note(subId);
}
