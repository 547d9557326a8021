/**
 * The state machine's SubState mirrors the subscriptions table by column name (the run persists
 * a diff column by column), but billing may not import the database: this test ties them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SUB_STATE_COLUMNS } from '../../../electron/billing/subscription/state';
import { applyMigrations, loadMigrations } from '../../../electron/db/migrate';
import { openDatabase } from '../../../electron/db/open';
import { subscriptionsColumns } from '../../../electron/db/rows';

const db = openDatabase(':memory:');
applyMigrations(db, loadMigrations());
afterAll(() => db.close());

const tableColumns = (db.pragma('table_info(subscriptions)') as { name: string }[]).map((c) => c.name);

describe("SubState's column keys", () => {
  it('are all columns of the migrated subscriptions table', () => {
    expect(SUB_STATE_COLUMNS.filter((k) => !tableColumns.includes(k))).toEqual([]);
  });

  it('are all in the subscriptions row type', () => {
    expect(SUB_STATE_COLUMNS.filter((k) => !(k in subscriptionsColumns))).toEqual([]);
  });

  it('leave out only the bookkeeping columns, the door terms (copied from the plan by the repository) and the import mark, which the machine does not read', () => {
    expect(tableColumns.filter((c) => !(SUB_STATE_COLUMNS as readonly string[]).includes(c)).sort()).toEqual([
      'cancel_reason', 'checkins_per_day', 'created_at', 'imported', 'session_quota', 'updated_at', 'wake_date',
    ]);
  });
});
