/** The members table (single rows; search and paging live in members/finder.ts): statements prepared once. */
import type { Db } from '../open';
import { insertRows } from '../statements';
import type { MemberRow } from '../rows';

/** The columns a member's details write. */
export type MemberValues = Pick<MemberRow, 'name' | 'phone' | 'card_no' | 'birthday' | 'payer_id' | 'notes' | 'tags' | 'search_text'>;

const INSERT_COLUMNS = ['name', 'phone', 'card_no', 'birthday', 'payer_id', 'notes', 'tags', 'search_text', 'created_at', 'updated_at'] as const;

export function createMembersRepo(db: Db) {
  const byId = db.prepare<[number], MemberRow>('SELECT * FROM members WHERE id = ?');
  // Case does not make another card (migration 011): A0001 and a0001 are one card.
  const byCard = db.prepare<[string, number], { id: number }>('SELECT id FROM members WHERE card_no = ? COLLATE NOCASE AND id <> ? LIMIT 1');
  const clashing = db.prepare<[], { id: number; name: string; card_no: string }>(
    `SELECT m.id, m.name, m.card_no FROM members m
      WHERE m.card_no IS NOT NULL AND m.merged_into IS NULL
        AND EXISTS (SELECT 1 FROM members o WHERE o.card_no = m.card_no COLLATE NOCASE AND o.id <> m.id AND o.merged_into IS NULL)
      ORDER BY upper(m.card_no), m.id`,
  );
  const dependants = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM members WHERE payer_id = ?');
  const insert = db.prepare<MemberValues & { at: string }>(
    `INSERT INTO members (name, phone, card_no, birthday, payer_id, notes, tags, search_text, created_at, updated_at)
     VALUES (@name, @phone, @card_no, @birthday, @payer_id, @notes, @tags, @search_text, @at, @at)`,
  );
  const update = db.prepare<MemberValues & { id: number; at: string }>(
    `UPDATE members SET name = @name, phone = @phone, card_no = @card_no, birthday = @birthday, payer_id = @payer_id,
       notes = @notes, tags = @tags, search_text = @search_text, updated_at = @at WHERE id = @id`,
  );

  return {
    byId: (id: number) => byId.get(id),
    /** The member holding this card number, if any. */
    /** Another member holding this card, case ignored. */
    cardHolder: (cardNo: string, exceptId: number | null) => byCard.get(cardNo, exceptId ?? 0)?.id,
    /** Live members whose card another live member holds in another case (clashes older than migration 011). */
    cardClashes: () => clashing.all(),
    /** How many members this one pays for. */
    dependants: (id: number) => dependants.get(id)?.n ?? 0,
    /** Returns the new member's id. */
    insert: (values: MemberValues, at: string) => Number(insert.run({ ...values, at }).lastInsertRowid),
    /** Many new members at once (the import, inside its transaction): their ids in order. */
    insertMany: (list: readonly MemberValues[], at: string): number[] =>
      insertRows(db, 'members', INSERT_COLUMNS, list.map((v) => [v.name, v.phone, v.card_no, v.birthday, v.payer_id, v.notes, v.tags, v.search_text, at, at])),
    update: (id: number, values: MemberValues, at: string) => void update.run({ ...values, id, at }),
  };
}
