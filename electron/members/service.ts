/**
 * Members and their payer (household account). One level only: a payer pays for themself,
 * never has a payer of their own, so "who gets the invoice" is always one lookup.
 */
import type { z } from 'zod';
import type { Member } from '../contract/billing-types';
import { AppError } from '../contract/errors';
import type { CardClash, memberInput } from '../contract/members';
import type { Db } from '../db/open';
import { searchTextFor } from './search';

export type MemberData = z.output<typeof memberInput>;

interface MemberRow {
  id: number;
  name: string;
  phone: string;
  card_no: string | null;
  birthday: string | null;
  payer_id: number | null;
  notes: string;
  tags: string;
  merged_into: number | null;
  created_at: string;
  updated_at: string;
}

function fromRow(r: MemberRow): Member {
  return {
    id: r.id,
    name: r.name,
    phone: r.phone,
    cardNo: r.card_no,
    birthday: r.birthday,
    payerId: r.payer_id,
    notes: r.notes,
    tags: JSON.parse(r.tags) as string[],
    mergedInto: r.merged_into,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function createMembersService(db: Db) {
  const byId = db.prepare<[number], MemberRow>('SELECT * FROM members WHERE id = ?');
  // Case does not make another card (migration 011): A0001 and a0001 are one card.
  const byCard = db.prepare<[string, number], { id: number }>('SELECT id FROM members WHERE card_no = ? COLLATE NOCASE AND id <> ? LIMIT 1');
  const dependants = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM members WHERE payer_id = ?');

  function get(id: number): Member {
    const row = byId.get(id);
    if (!row) throw new AppError('NOT_FOUND', `Member ${id} does not exist.`, { entity: 'member', id });
    return fromRow(row);
  }

  /** A member that can be sold to or billed: exists and was not merged away. */
  function active(id: number): Member {
    const m = get(id);
    if (m.mergedInto !== null) throw new AppError('MEMBER_MERGED', `Member ${id} was merged into ${m.mergedInto}.`, { id, mergedInto: m.mergedInto });
    return m;
  }

  /** Who receives this member's invoices: the payer, or the member themself. */
  function payerOf(memberId: number): number {
    return get(memberId).payerId ?? memberId;
  }

  function checkPayer(memberId: number | null, payerId: number | null): void {
    if (payerId === null) return;
    const invalid = (why: string) => new AppError('PAYER_INVALID', why, { payerId });
    if (payerId === memberId) throw invalid('A member cannot be their own payer.');
    const payer = byId.get(payerId);
    if (!payer) throw invalid(`Payer ${payerId} does not exist.`);
    if (payer.merged_into !== null) throw invalid(`Payer ${payerId} was merged into another member.`);
    if (payer.payer_id !== null) throw invalid(`Payer ${payerId} is paid for by someone else (one level of household only).`);
    if (memberId !== null && (dependants.get(memberId)?.n ?? 0) > 0) {
      throw invalid(`Member ${memberId} pays for other members and cannot have a payer.`);
    }
  }

  function checkCard(memberId: number | null, cardNo: string | null): void {
    if (cardNo === null) return;
    const other = byCard.get(cardNo, memberId ?? 0);
    if (other) throw new AppError('DUPLICATE_CARD', `Card ${cardNo} belongs to member ${other.id}.`, { cardNo, memberId: other.id });
  }

  function values(m: MemberData) {
    return {
      name: m.name,
      phone: m.phone,
      card_no: m.cardNo,
      birthday: m.birthday,
      payer_id: m.payerId,
      notes: m.notes,
      tags: JSON.stringify(m.tags),
      search_text: searchTextFor(m),
    };
  }

  function create(input: MemberData, at: string): Member {
    checkPayer(null, input.payerId);
    checkCard(null, input.cardNo);
    const info = db
      .prepare(
        `INSERT INTO members (name, phone, card_no, birthday, payer_id, notes, tags, search_text, created_at, updated_at)
         VALUES (@name, @phone, @card_no, @birthday, @payer_id, @notes, @tags, @search_text, @at, @at)`,
      )
      .run({ ...values(input), at });
    return get(Number(info.lastInsertRowid));
  }

  function update(id: number, input: MemberData, at: string): { before: Member; after: Member } {
    const before = active(id);
    checkPayer(id, input.payerId);
    // An unchanged card is never refused, so a clash found by migration 011 does not block editing either member.
    if (input.cardNo !== before.cardNo) checkCard(id, input.cardNo);
    db.prepare(
      `UPDATE members SET name = @name, phone = @phone, card_no = @card_no, birthday = @birthday, payer_id = @payer_id,
         notes = @notes, tags = @tags, search_text = @search_text, updated_at = @at WHERE id = @id`,
    ).run({ ...values(input), id, at });
    return { before, after: get(id) };
  }

  /** Cards held by more than one live member, case ignored: clashes older than migration 011, for the owner to resolve (a merge resolves one too). */
  function cardClashes(): CardClash[] {
    const rows = db
      .prepare<[], { id: number; name: string; card_no: string }>(
        `SELECT m.id, m.name, m.card_no FROM members m
         WHERE m.card_no IS NOT NULL AND m.merged_into IS NULL
           AND EXISTS (SELECT 1 FROM members o WHERE o.card_no = m.card_no COLLATE NOCASE AND o.id <> m.id AND o.merged_into IS NULL)
         ORDER BY upper(m.card_no), m.id`,
      )
      .all();
    const groups = new Map<string, CardClash>();
    for (const r of rows) {
      const key = r.card_no.toUpperCase();
      const group = groups.get(key) ?? { card: key, members: [] };
      group.members.push({ id: r.id, name: r.name, cardNo: r.card_no });
      groups.set(key, group);
    }
    return [...groups.values()];
  }

  return { get, active, payerOf, create, update, cardClashes };
}

export type MembersService = ReturnType<typeof createMembersService>;
