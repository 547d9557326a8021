/**
 * Merging two records of one person. Every row in any table that points at the merged
 * member (subscriptions, packs, invoices, payments, check-ins, dependants… found through the
 * schema's foreign keys, so tables added later are covered too) moves to the kept member.
 * The merged record stays, marked merged_into, so old references and the audit trail still
 * resolve; it leaves the search index. Fields the kept record lacks are filled from the other.
 */
import type { Member } from '../../contract/billing-types';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { searchTextFor } from './search';
import type { MemberRow } from '../../db/rows';

interface Ref {
  table: string;
  column: string;
}

/** Columns that must not move: the merge bookkeeping itself, and the photo (one per member: moved below only when the kept record has none). */
const KEEP = new Set(['members.merged_into', 'member_merges.kept_id', 'member_merges.merged_id', 'member_photos.member_id']);

export function memberReferences(db: Db): Ref[] {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all()
    .map((t) => t.name);
  const refs: Ref[] = [];
  for (const table of tables) {
    const fks = db.prepare(`SELECT "table" AS target, "from" AS col FROM pragma_foreign_key_list(?)`).all(table) as { target: string; col: string }[];
    for (const fk of fks) if (fk.target === 'members' && !KEEP.has(`${table}.${fk.col}`)) refs.push({ table, column: fk.col });
  }
  return refs;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function mergeMembers(
  db: Db,
  input: { keepId: number; mergeId: number },
  get: (id: number) => Member,
  at: string,
  staff: { id: number | null; name: string },
): { kept: Member; merged: Member; keptBefore: Member; mergedBefore: Member; moved: Record<string, number> } {
  const { keepId, mergeId } = input;
  if (keepId === mergeId) throw new AppError('MERGE_INVALID', 'A member cannot be merged into themself.', { keepId, mergeId });
  const row = db.prepare<[number], MemberRow>('SELECT * FROM members WHERE id = ?');
  const keep = row.get(keepId);
  const other = row.get(mergeId);
  if (!keep) throw new AppError('NOT_FOUND', `Member ${keepId} does not exist.`, { entity: 'member', id: keepId });
  if (!other) throw new AppError('NOT_FOUND', `Member ${mergeId} does not exist.`, { entity: 'member', id: mergeId });
  for (const m of [keep, other]) {
    if (m.merged_into !== null) throw new AppError('MEMBER_MERGED', `Member ${m.id} was already merged into ${m.merged_into}.`, { id: m.id, mergedInto: m.merged_into });
  }
  if (keep.payer_id === mergeId || other.payer_id === keepId) {
    throw new AppError('MERGE_INVALID', 'One of the two pays for the other: they are different people.', { keepId, mergeId });
  }
  const dependants = (id: number) => db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM members WHERE payer_id = ?').get(id)?.n ?? 0;
  if (keep.payer_id !== null && dependants(mergeId) > 0) {
    throw new AppError('PAYER_INVALID', `Member ${keepId} has a payer, so cannot take over the members ${mergeId} pays for.`, { keepId, mergeId });
  }

  if (!keep.card_no && other.card_no) {
    // The card moves to the kept record: refused while a third member holds it in another case (an older clash).
    const holder = db
      .prepare<[string, number, number], { id: number }>('SELECT id FROM members WHERE card_no = ? COLLATE NOCASE AND id NOT IN (?, ?) LIMIT 1')
      .get(other.card_no, keepId, mergeId);
    if (holder) throw new AppError('DUPLICATE_CARD', `Card ${other.card_no} is also held by member ${holder.id}.`, { cardNo: other.card_no, memberId: holder.id });
  }
  // One place per person in a class session and one active enrolment per class: two records of one person in the same
  // session or class cannot become one; the desk sees where.
  const sameClass = db
    .prepare<[number, number, number, number], { session_id: number | null; schedule_id: number | null }>(
      `SELECT a.session_id, NULL AS schedule_id FROM class_bookings a JOIN class_bookings b ON b.session_id = a.session_id AND b.member_id = ?
        WHERE a.member_id = ?
       UNION ALL
       SELECT NULL, a.schedule_id FROM class_enrolments a
         JOIN class_enrolments b ON b.schedule_id = a.schedule_id AND b.member_id = ? AND b.status = 'active'
        WHERE a.member_id = ? AND a.status = 'active' LIMIT 1`,
    )
    .get(mergeId, keepId, mergeId, keepId);
  if (sameClass) {
    throw new AppError('MERGE_INVALID', 'Both records are in the same class session or class.', { keepId, mergeId, sessionId: sameClass.session_id, scheduleId: sameClass.schedule_id });
  }
  const keptBefore = get(keepId);
  const mergedBefore = get(mergeId);
  const moved: Record<string, number> = {};
  const movedIds: Record<string, number[]> = {};
  for (const ref of memberReferences(db)) {
    if (ref.table === 'members' && ref.column !== 'payer_id') continue;
    const ids = db
      .prepare(`SELECT rowid AS id FROM ${quote(ref.table)} WHERE ${quote(ref.column)} = ?`)
      .all(mergeId)
      .map((r) => (r as { id: number }).id);
    if (!ids.length) continue;
    db.prepare(`UPDATE ${quote(ref.table)} SET ${quote(ref.column)} = ? WHERE ${quote(ref.column)} = ?`).run(keepId, mergeId);
    moved[`${ref.table}.${ref.column}`] = ids.length;
    movedIds[`${ref.table}.${ref.column}`] = ids;
  }

  const photo = db
    .prepare('UPDATE member_photos SET member_id = ? WHERE member_id = ? AND NOT EXISTS (SELECT 1 FROM member_photos WHERE member_id = ?)')
    .run(keepId, mergeId, keepId);
  if (photo.changes) {
    moved['member_photos.member_id'] = 1;
    movedIds['member_photos.member_id'] = [mergeId];
  }

  // The kept record's own values win; what it lacks comes from the other.
  const card = keep.card_no ?? other.card_no;
  const phone = keep.phone || other.phone;
  const birthday = keep.birthday ?? other.birthday;
  const payerId = keep.payer_id ?? (dependants(keepId) > 0 ? null : other.payer_id);
  const notes = [keep.notes, other.notes].filter((n, i, all) => n.trim() && all.indexOf(n) === i).join('\n');
  const tags = JSON.stringify([...new Set([...(JSON.parse(keep.tags) as string[]), ...(JSON.parse(other.tags) as string[])])].slice(0, 20));
  if (!keep.card_no && other.card_no) db.prepare('UPDATE members SET card_no = NULL WHERE id = ?').run(mergeId);
  db.prepare('UPDATE members SET merged_into = ?, updated_at = ? WHERE id = ?').run(keepId, at, mergeId);
  db.prepare(
    `UPDATE members SET phone = ?, card_no = ?, birthday = ?, payer_id = ?, notes = ?, tags = ?, search_text = ?, updated_at = ? WHERE id = ?`,
  ).run(phone, card, birthday, payerId, notes.slice(0, 2000), tags, searchTextFor({ name: keep.name, phone, cardNo: card }), at, keepId);
  db.prepare(
    `INSERT INTO member_merges (kept_id, merged_id, moved, kept_before, merged_before, at, staff_id, staff_name)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(keepId, mergeId, JSON.stringify(movedIds), JSON.stringify(keptBefore), JSON.stringify(mergedBefore), at, staff.id, staff.name);
  return { kept: get(keepId), merged: get(mergeId), keptBefore, mergedBefore, moved };
}
