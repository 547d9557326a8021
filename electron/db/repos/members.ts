/** The members table (single rows; search and paging live in members/finder.ts): statements prepared once. */
import type { Db } from '../open';
import type { MemberRow } from '../rows';

/** The columns a member's details write. */
export type MemberValues = Pick<MemberRow, 'name' | 'phone' | 'card_no' | 'birthday' | 'payer_id' | 'notes' | 'tags' | 'search_text'>;

export function createMembersRepo(db: Db) {
  const byId = db.prepare<[number], MemberRow>('SELECT * FROM members WHERE id = ?');
  const byCard = db.prepare<[string], { id: number }>('SELECT id FROM members WHERE card_no = ?');
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
    cardHolder: (cardNo: string) => byCard.get(cardNo)?.id,
    /** How many members this one pays for. */
    dependants: (id: number) => dependants.get(id)?.n ?? 0,
    /** Returns the new member's id. */
    insert: (values: MemberValues, at: string) => Number(insert.run({ ...values, at }).lastInsertRowid),
    update: (id: number, values: MemberValues, at: string) => void update.run({ ...values, id, at }),
  };
}
