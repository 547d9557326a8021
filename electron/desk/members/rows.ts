/** Member rows as the desk lists them: the record, the payer's name and today's badges. */
import type { MemberRow } from '../../contract/desk-types';
import type { Db } from '../../db/open';
import { badgesOf, dueOf, type Overdue, type Standing, type StandingReader } from './standing';

export interface MemberDbRow {
  id: number;
  name: string;
  phone: string;
  card_no: string | null;
  birthday: string | null;
  payer_id: number | null;
  payer_name: string | null;
  tags: string;
  merged_into: number | null;
  sort_key: string;
}

/** Columns for a MemberDbRow from `members m` (with the payer's name). */
export const MEMBER_COLUMNS = `m.id, m.name, m.phone, m.card_no, m.birthday, m.payer_id, m.tags, m.merged_into, m.sort_key,
  (SELECT p.name FROM members p WHERE p.id = m.payer_id) AS payer_name`;

function parseTags(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export function createMemberRows(db: Db, standing: StandingReader) {
  const byIds = db.prepare<[string], MemberDbRow>(`SELECT ${MEMBER_COLUMNS} FROM members m WHERE m.id IN (SELECT value FROM json_each(?))`);

  /** MemberRows in the order of `rows`, with badges as of `today`, and the standing they were read from. */
  function withStanding(rows: MemberDbRow[], today: string): { rows: MemberRow[]; states: Map<number, Standing[]>; overdue: Map<number, Overdue> } {
    // One query each for all rows: memberships and packs, then what their payers owe.
    const states = standing.of(
      rows.map((r) => r.id),
      today,
    );
    const overdue = standing.overdueOf(
      rows.map((r) => r.payer_id ?? r.id),
      today,
    );
    const out = rows.map((r) => ({
      id: r.id,
      name: r.name,
      phone: r.phone,
      cardNo: r.card_no,
      birthday: r.birthday,
      tags: parseTags(r.tags),
      payerId: r.payer_id,
      payerName: r.payer_name,
      mergedInto: r.merged_into,
      badges: badgesOf(states.get(r.id) ?? [], overdue.get(r.payer_id ?? r.id), today),
      due: dueOf(states.get(r.id) ?? []),
    }));
    return { rows: out, states, overdue };
  }

  function toRows(rows: MemberDbRow[], today: string): MemberRow[] {
    return withStanding(rows, today).rows;
  }

  function load(ids: number[]): MemberDbRow[] {
    const rows = byIds.all(JSON.stringify(ids));
    const order = new Map(ids.map((id, i) => [id, i]));
    rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return rows;
  }

  /** Members by id, in the order of `ids`. */
  function byId(ids: number[], today: string): MemberRow[] {
    return toRows(load(ids), today);
  }

  /** As byId, with the standing and overdue amounts behind the badges (the check-in decides from them). */
  function byIdWithStanding(ids: number[], today: string) {
    return withStanding(load(ids), today);
  }

  return { toRows, byId, byIdWithStanding };
}

export type MemberRows = ReturnType<typeof createMemberRows>;
