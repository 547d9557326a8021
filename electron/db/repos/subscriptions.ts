/**
 * Subscriptions, their pauses and their add-ons: every statement prepared once per connection.
 * The repository is built once per connection (`subscriptionsRepo(db)`): the billing run calls it
 * thousands of times.
 */
import type { Db } from '../open';
import type { SubscriptionAddonRow, SubscriptionPauseRow, SubscriptionRow } from '../rows';
import { noteSubscriptionUpdated } from '../report-batch';
import { insertRows } from '../statements';

/** The columns a sale writes (the rest take their defaults; the door terms are copied from the plan). */
export type SubscriptionInsert = Pick<
  SubscriptionRow,
  | 'member_id' | 'plan_id' | 'price' | 'tax_rate_bp' | 'interval' | 'interval_count' | 'alignment' | 'start_date' | 'anchor_date'
  | 'status' | 'next_bill_date' | 'term_periods' | 'auto_renew' | 'discount_kind' | 'discount_value' | 'discount_duration' | 'discount_periods'
>;
/** The door terms (visit quota, visits a day): the plan's, copied when sold and whenever the plan changes. */
export type DoorTerms = Pick<SubscriptionRow, 'session_quota' | 'checkins_per_day'>;
export type SubscriptionPatch = Partial<Omit<SubscriptionRow, 'id' | 'created_at' | 'updated_at' | 'imported' | keyof DoorTerms>>;
export type PauseInsert = Pick<SubscriptionPauseRow, 'subscription_id' | 'start_date' | 'end_date' | 'mode' | 'created_at'>;
export type AddonInsert = Pick<SubscriptionAddonRow, 'subscription_id' | 'name' | 'price' | 'tax_rate_bp' | 'start_date' | 'created_at'>;

/** Members billed to a payer: the payer and those whose payer they are (index lookups only). */
const PAYER_MEMBERS = `SELECT id FROM members WHERE payer_id = @payerId
  UNION ALL SELECT id FROM members WHERE id = @payerId AND payer_id IS NULL`;

/** The columns an insert writes, in its order (the rest take their defaults). */
const INSERT_COLUMNS = [
  'member_id', 'plan_id', 'price', 'tax_rate_bp', 'interval', 'interval_count', 'alignment', 'start_date', 'anchor_date', 'status',
  'next_bill_date', 'term_periods', 'auto_renew', 'discount_kind', 'discount_value', 'discount_duration', 'discount_periods',
  'created_at', 'updated_at', 'wake_date', 'session_quota', 'checkins_per_day', 'imported',
] as const;
/** Those a sale's values give (the two stamps, the wake date, the door terms and the import mark follow). */
const SALE_COLUMNS = INSERT_COLUMNS.slice(0, -6) as readonly (keyof SubscriptionInsert)[];
/** The plan's door terms, as SQL over a statement's @plan_id. */
const PLAN_QUOTA = '(SELECT session_quota FROM plans WHERE id = @plan_id)';
const PLAN_PER_DAY = '(SELECT checkins_per_day FROM plans WHERE id = @plan_id)';

function build(db: Db) {
  const byId = db.prepare<[number], SubscriptionRow>('SELECT * FROM subscriptions WHERE id = ?');
  const ofMember = db.prepare<[number], SubscriptionRow>('SELECT * FROM subscriptions WHERE member_id = ? ORDER BY id');
  const liveOfPayer = db.prepare<{ payerId: number }, SubscriptionRow>(
    `SELECT s.* FROM subscriptions s
      WHERE s.member_id IN (${PAYER_MEMBERS}) AND s.status IN ('trialing', 'active', 'paused') ORDER BY s.id`,
  );
  const insert = db.prepare<SubscriptionInsert & { at: string; wake_date: string | null }>(
    `INSERT INTO subscriptions (member_id, plan_id, price, tax_rate_bp, interval, interval_count, alignment, start_date,
       anchor_date, status, next_bill_date, term_periods, auto_renew, discount_kind, discount_value, discount_duration,
       discount_periods, created_at, updated_at, wake_date, session_quota, checkins_per_day)
     VALUES (@member_id, @plan_id, @price, @tax_rate_bp, @interval, @interval_count, @alignment, @start_date,
       @anchor_date, @status, @next_bill_date, @term_periods, @auto_renew, @discount_kind, @discount_value, @discount_duration,
       @discount_periods, @at, @at, @wake_date, ${PLAN_QUOTA}, ${PLAN_PER_DAY})`,
  );
  const setWake = db.prepare<[string | null, number]>('UPDATE subscriptions SET wake_date = ? WHERE id = ?');
  const withoutWake = db.prepare<[], number>('SELECT id FROM subscriptions WHERE wake_date IS NULL').pluck();
  const periodCharges = db.prepare<[number], number>("SELECT COUNT(*) FROM invoice_lines WHERE subscription_id = ? AND kind = 'period'").pluck();
  const chargedStart = db.prepare<[number, string], string | null>(
    "SELECT MAX(period_start) FROM invoice_lines WHERE subscription_id = ? AND kind IN ('period', 'proration_charge') AND period_start <= ?",
  ).pluck();
  // A patch sets a varying set of columns: one statement per set, prepared the first time.
  const updates = new Map<string, ReturnType<Db['prepare']>>();

  const openPause = db.prepare<[number], SubscriptionPauseRow>(
    'SELECT * FROM subscription_pauses WHERE subscription_id = ? AND resumed_on IS NULL ORDER BY id DESC LIMIT 1',
  );
  const pausesOf = db.prepare<[number], SubscriptionPauseRow>('SELECT * FROM subscription_pauses WHERE subscription_id = ? ORDER BY id');
  const insertPause = db.prepare<PauseInsert>(
    'INSERT INTO subscription_pauses (subscription_id, start_date, end_date, mode, created_at) VALUES (@subscription_id, @start_date, @end_date, @mode, @created_at)',
  );
  const setPauseEnd = db.prepare<[string | null, number]>('UPDATE subscription_pauses SET end_date = ? WHERE id = ?');
  const setResumed = db.prepare<[string | null, number]>('UPDATE subscription_pauses SET resumed_on = ? WHERE id = ?');
  const deletePause = db.prepare<[number]>('DELETE FROM subscription_pauses WHERE id = ?');

  const addonsOf = db.prepare<[number], SubscriptionAddonRow>('SELECT * FROM subscription_addons WHERE subscription_id = ? ORDER BY id');
  const insertAddon = db.prepare<AddonInsert>(
    `INSERT INTO subscription_addons (subscription_id, name, price, tax_rate_bp, start_date, created_at)
     VALUES (@subscription_id, @name, @price, @tax_rate_bp, @start_date, @created_at)`,
  );
  const setAddonEnd = db.prepare<[string | null, number]>('UPDATE subscription_addons SET end_date = ? WHERE id = ?');

  return {
    byId: (id: number): SubscriptionRow | undefined => byId.get(id),
    /** A member's subscriptions in id order. */
    ofMember: (memberId: number): SubscriptionRow[] => ofMember.all(memberId),
    /** A payer's live subscriptions (theirs and their dependants'), in id order. */
    liveOfPayer: (payerId: number): SubscriptionRow[] => liveOfPayer.all({ payerId }),
    /** Returns the new subscription's id. Its stored wake date, when the caller has worked it out already (else null: to compute). */
    insert: (row: SubscriptionInsert, at: string, wake: string | null = null): number => Number(insert.run({ ...row, at, wake_date: wake }).lastInsertRowid),
    /** The import's memberships, all at once inside its transaction, each with its wake date and its plan's door terms: their ids in order. */
    insertImported: (list: readonly (SubscriptionInsert & DoorTerms & { wake_date: string | null })[], at: string): number[] =>
      insertRows(db, 'subscriptions', INSERT_COLUMNS, list.map((r) => [...SALE_COLUMNS.map((c) => r[c]), at, at, r.wake_date, r.session_quota, r.checkins_per_day, 1])),
    /** Sets the given columns and updated_at; a new plan brings its door terms. */
    update(id: number, patch: SubscriptionPatch, at: string): void {
      const keys = Object.keys(patch).sort();
      const doorTerms = patch.plan_id === undefined ? [] : [`session_quota = ${PLAN_QUOTA}`, `checkins_per_day = ${PLAN_PER_DAY}`];
      const sql = `UPDATE subscriptions SET ${[...keys.map((k) => `${k} = @${k}`), ...doorTerms, 'updated_at = @updated_at'].join(', ')} WHERE id = @id`;
      let stmt = updates.get(sql);
      if (!stmt) updates.set(sql, (stmt = db.prepare(sql)));
      stmt.run({ ...patch, updated_at: at, id });
      noteSubscriptionUpdated(db, id);
    },
    setWake(id: number, wake: string | null): void {
      setWake.run(wake, id);
      noteSubscriptionUpdated(db, id);
    },
    idsWithoutWake: (): number[] => withoutWake.all(),
    /** Period charges invoiced so far (the index of the next one, for a discount that runs out). */
    periodCharges: (id: number): number => periodCharges.get(id) ?? 0,
    /** The start of the latest period (or plan-change) charge that began by `day`, or null. */
    chargedPeriodStart: (id: number, day: string): string | null => chargedStart.get(id, day) ?? null,

    /** The pause not resumed yet: in force or scheduled. */
    openPause: (subId: number): SubscriptionPauseRow | undefined => openPause.get(subId),
    pausesOf: (subId: number): SubscriptionPauseRow[] => pausesOf.all(subId),
    insertPause: (row: PauseInsert): number => Number(insertPause.run(row).lastInsertRowid),
    setPauseEnd: (id: number, end: string | null): void => void setPauseEnd.run(end, id),
    setResumed: (id: number, on: string | null): void => void setResumed.run(on, id),
    deletePause: (id: number): void => void deletePause.run(id),

    addonsOf: (subId: number): SubscriptionAddonRow[] => addonsOf.all(subId),
    insertAddon: (row: AddonInsert): number => Number(insertAddon.run(row).lastInsertRowid),
    setAddonEnd: (id: number, end: string | null): void => void setAddonEnd.run(end, id),
  };
}

export type SubscriptionsRepo = ReturnType<typeof build>;

const repos = new WeakMap<Db, SubscriptionsRepo>();

/** The connection's repository (built on first use). */
export function subscriptionsRepo(db: Db): SubscriptionsRepo {
  let repo = repos.get(db);
  if (!repo) repos.set(db, (repo = build(db)));
  return repo;
}
