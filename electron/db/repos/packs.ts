/** Sold session packs and the sessions their check-ins used: every statement prepared once. */
import type { Db } from '../open';
import type { MemberPackRow, PlanRow } from '../rows';
import { packUsedSql } from '../pack-usage';
import { perConnection } from '../statements';

/** A pack with its plan's name. */
export type PackWithPlan = MemberPackRow & { plan_name: PlanRow['name'] };
/** A pack that still admits someone, as ending it early reads it. */
export type LivePack = Pick<MemberPackRow, 'id' | 'plan_id' | 'member_id' | 'start_date' | 'expires_on'>;
/** A sale's values; the visits a day are the plan's at the sale (the insert copies them). */
export type PackInsert = Omit<MemberPackRow, 'id' | 'checkins_per_day'>;

const SELECT = 'SELECT p.*, pl.name AS plan_name FROM member_packs p JOIN plans pl ON pl.id = p.plan_id';

export function createPacksRepo(db: Db) {
  const byId = db.prepare<[number], PackWithPlan>(`${SELECT} WHERE p.id = ?`);
  const ofMember = db.prepare<[number], PackWithPlan>(`${SELECT} WHERE p.member_id = ? ORDER BY p.start_date DESC, p.id DESC`);
  const insert = db.prepare<PackInsert>(
    `INSERT INTO member_packs (member_id, plan_id, invoice_id, sessions_total, start_date, expires_on, created_at, checkins_per_day)
     VALUES (@member_id, @plan_id, @invoice_id, @sessions_total, @start_date, @expires_on, @created_at,
       (SELECT checkins_per_day FROM plans WHERE id = @plan_id))`,
  );
  const setInvoice = db.prepare<[number, number]>('UPDATE member_packs SET invoice_id = ? WHERE id = ? AND invoice_id IS NULL');
  const liveOfInvoice = db.prepare<{ id: number; today: string }, LivePack>(
    'SELECT id, plan_id, member_id, start_date, expires_on FROM member_packs WHERE invoice_id = @id AND expires_on > @today ORDER BY id',
  );
  const setDates = db.prepare<[string, string, number]>('UPDATE member_packs SET start_date = ?, expires_on = ? WHERE id = ?');
  // Check-ins and class bookings (electron/db/pack-usage.ts).
  const used = db.prepare<[string], { pack_id: number; n: number }>(
    `SELECT j.value AS pack_id, ${packUsedSql('j.value')} AS n FROM json_each(?) j`,
  );

  return {
    byId: (id: number) => byId.get(id),
    /** A member's packs, newest first. */
    ofMember: (memberId: number) => ofMember.all(memberId),
    /** Returns the new pack's id. */
    insert: (row: PackInsert) => Number(insert.run(row).lastInsertRowid),
    /** Points a pack sold in a checkout at the checkout's invoice (issued after the sale). */
    setInvoice: (id: number, invoiceId: number) => void setInvoice.run(invoiceId, id),
    /** The packs sold on an invoice that still admit someone after `today`, in id order. */
    liveOfInvoice: (invoiceId: number, today: string) => liveOfInvoice.all({ id: invoiceId, today }),
    /** Moves a pack's first and last day (a pack ended early). */
    setDates: (id: number, start: string, expiresOn: string) => void setDates.run(start, expiresOn, id),
    /** Sessions used per pack id (0 for a pack never used). */
    sessionsUsed(packIds: number[]): Map<number, number> {
      const out = new Map(packIds.map((id) => [id, 0]));
      if (packIds.length === 0) return out;
      for (const r of used.all(JSON.stringify(packIds))) out.set(r.pack_id, r.n);
      return out;
    },
  };
}

export type PacksRepo = ReturnType<typeof createPacksRepo>;
/** The packs repository of a connection, built once (its statements prepared once). */
export const packsRepo = perConnection(createPacksRepo);
