/** The plans table: every statement prepared once. */
import type { Db } from '../open';
import type { PlanRow } from '../rows';

/** The columns a plan's terms write (everything but id, archived and the timestamps). */
export type PlanTerms = Omit<PlanRow, 'id' | 'archived' | 'created_at' | 'updated_at'>;

const TERMS = `name = @name, description = @description, price = @price, tax_rate_bp = @tax_rate_bp,
  interval = @interval, interval_count = @interval_count, alignment = @alignment, setup_fee = @setup_fee,
  trial_days = @trial_days, session_quota = @session_quota, term_periods = @term_periods, auto_renew = @auto_renew,
  freeze_days_per_year = @freeze_days_per_year, freeze_fee = @freeze_fee, pack_sessions = @pack_sessions,
  pack_valid_days = @pack_valid_days, checkins_per_day = @checkins_per_day, pause_mode = @pause_mode`;

export function createPlansRepo(db: Db) {
  const byId = db.prepare<[number], PlanRow>('SELECT * FROM plans WHERE id = ?');
  const all = db.prepare<[], PlanRow>('SELECT * FROM plans ORDER BY archived, kind DESC, name COLLATE NOCASE, id');
  const active = db.prepare<[], PlanRow>('SELECT * FROM plans WHERE archived = 0 ORDER BY kind DESC, name COLLATE NOCASE, id');
  const insert = db.prepare<PlanTerms & { at: string }>(
    `INSERT INTO plans (kind, name, description, price, tax_rate_bp, interval, interval_count, alignment, setup_fee,
       trial_days, session_quota, term_periods, auto_renew, freeze_days_per_year, freeze_fee, pack_sessions,
       pack_valid_days, checkins_per_day, single_visit, pause_mode, created_at, updated_at)
     VALUES (@kind, @name, @description, @price, @tax_rate_bp, @interval, @interval_count, @alignment, @setup_fee,
       @trial_days, @session_quota, @term_periods, @auto_renew, @freeze_days_per_year, @freeze_fee, @pack_sessions,
       @pack_valid_days, @checkins_per_day, @single_visit, @pause_mode, @at, @at)`,
  );
  // The kind is not updated: subscriptions and packs point at a plan of a fixed kind.
  const update = db.prepare<PlanTerms & { id: number; at: string }>(`UPDATE plans SET ${TERMS}, updated_at = @at WHERE id = @id`);
  const archive = db.prepare<[number, string, number]>('UPDATE plans SET archived = ?, updated_at = ? WHERE id = ?');

  return {
    byId: (id: number): PlanRow | undefined => byId.get(id),
    list: (includeArchived: boolean): PlanRow[] => (includeArchived ? all : active).all(),
    /** Returns the new plan's id. */
    insert: (terms: PlanTerms, at: string): number => Number(insert.run({ ...terms, at }).lastInsertRowid),
    update: (id: number, terms: PlanTerms, at: string): void => void update.run({ ...terms, id, at }),
    setArchived: (id: number, archived: boolean, at: string): void => void archive.run(archived ? 1 : 0, at, id),
  };
}

export type PlansRepo = ReturnType<typeof createPlansRepo>;
