/**
 * Data steps of migrations, by the migration file they belong to: work SQL cannot do (maths over
 * a subscription's schedule). Each runs once, in its migration's transaction, after its SQL.
 */
import type { TaxMode } from '../billing/tax';
import { backfillLineFacts } from './backfill-line-facts';
import type { Db } from './open';

/** What a data step may need from outside the data file. */
export interface MigrationContext {
  /** The business's tax mode now (a setting). */
  taxMode(): TaxMode;
}

export const MIGRATION_STEPS: Readonly<Record<string, (db: Db, ctx: MigrationContext) => void>> = {
  '009_line_facts.sql': backfillLineFacts,
};
