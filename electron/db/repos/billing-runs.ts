/**
 * The billing run's log and its due scan (a range on subscriptions.wake_date's index), plus the
 * invoices a dry run created. Statements cached per connection (`prepared`).
 */
import type { Db } from '../open';
import type { BillingRunRow, InvoiceRow } from '../rows';
import { insertRow, prepared, perConnection } from '../statements';

export interface DueRow {
  id: number;
  payer_id: number;
  wake: string;
}

/** A new run's log entry; a refused or held run is written finished. */
export type RunInsert = Pick<BillingRunRow, 'trigger' | 'as_of' | 'started_at' | 'finished_at' | 'status' | 'message' | 'held_after' | 'held_count'>;
export type RunFinish = Pick<BillingRunRow, 'id' | 'finished_at' | 'status' | 'invoices_created' | 'amount_total' | 'errors'>;
/** An invoice a preview shows, with its payer's name. */
export type PreviewInvoiceRow = Pick<InvoiceRow, 'id' | 'payer_id' | 'issue_date' | 'due_date' | 'total'> & { payer_name: string };

/** Members billed to a payer: the payer and those whose payer they are (index lookups only). */
export const PAYER_MEMBERS_SQL = `SELECT id FROM members WHERE payer_id = @payerId
  UNION ALL SELECT id FROM members WHERE id = @payerId AND payer_id IS NULL`;

const DUE_OF_PAYER_SQL = `SELECT s.id, @payerId AS payer_id, s.wake_date AS wake FROM subscriptions s
  WHERE s.member_id IN (${PAYER_MEMBERS_SQL}) AND s.wake_date <= @asOf ORDER BY wake, s.id`;

const DUE_SQL = `SELECT s.id, COALESCE(m.payer_id, m.id) AS payer_id, s.wake_date AS wake
  FROM subscriptions s JOIN members m ON m.id = s.member_id
  WHERE s.wake_date <= @asOf ORDER BY wake, payer_id, s.id`;

function buildBillingRunsRepo(db: Db) {
  return {
    byId: (id: number) => prepared<[number], BillingRunRow>(db, 'SELECT * FROM billing_runs WHERE id = ?').get(id),
    latest: (limit: number) => prepared<[number], BillingRunRow>(db, 'SELECT * FROM billing_runs ORDER BY id DESC LIMIT ?').all(limit),
    /** The latest as-of date billing reached (refused and held runs are both stored as refusals). */
    lastAsOf: () =>
      prepared<[], { d: string | null }>(db, "SELECT MAX(as_of) AS d FROM billing_runs WHERE status <> 'refused_clock_behind'").get()?.d ?? null,
        insert: (row: RunInsert): number => insertRow(db, 'billing_runs', row),
    finish: (row: RunFinish): void =>
      void prepared<RunFinish>(
        db,
        `UPDATE billing_runs SET finished_at = @finished_at, status = @status, invoices_created = @invoices_created,
           amount_total = @amount_total, errors = @errors WHERE id = @id`,
      ).run(row),
    /** Subscriptions whose wake date has come by `asOf`, with their payer; of one payer when given. */
    due: (asOf: string, payerId?: number): DueRow[] =>
      payerId !== undefined
        ? prepared<{ asOf: string; payerId: number }, DueRow>(db, DUE_OF_PAYER_SQL).all({ asOf, payerId })
        : prepared<{ asOf: string }, DueRow>(db, DUE_SQL).all({ asOf }),
    maxInvoiceId: () => prepared<[], { m: number | null }>(db, 'SELECT MAX(id) AS m FROM invoices').get()?.m ?? 0,
    invoicesAfter: (afterId: number) =>
      prepared<[number], PreviewInvoiceRow>(
        db,
        `SELECT i.id, i.payer_id, m.name AS payer_name, i.issue_date, i.due_date, i.total FROM invoices i
           JOIN members m ON m.id = i.payer_id WHERE i.id > ? ORDER BY i.id`,
      ).all(afterId),
    /** Subscriptions with a pause not yet resumed, and with an add-on: read once per run. */
    withOpenPause: () => new Set(prepared<[], number>(db, 'SELECT DISTINCT subscription_id FROM subscription_pauses WHERE resumed_on IS NULL').pluck().all()),
    withAddons: () => new Set(prepared<[], number>(db, 'SELECT DISTINCT subscription_id FROM subscription_addons').pluck().all()),
  };
}

/** Built once per connection. */
export const billingRunsRepo = perConnection(buildBillingRunsRepo);
