/**
 * Members and their payer (household account). One level only: a payer pays for themself,
 * never has a payer of their own, so "who gets the invoice" is always one lookup.
 */
import type { z } from 'zod';
import type { Member, PayerBalance } from '../../contract/billing-types';
import { AppError } from '../../../shared/errors';
import type { CardClash, memberInput } from '../../contract/members';
import { createMembersRepo, type MemberValues } from '../../db/repos/members';
import { memberBulk } from '../../db/member-bulk';
import type { ServiceEnv } from '../../contract/env';
import { payerBalance } from '../../money/ledger/ledger';
import { checkBirthday } from './birthday';
import { searchTextFor } from './search';
import type { MemberRow } from '../../db/rows';

export type MemberData = z.output<typeof memberInput>;

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

export function createMembersService(env: ServiceEnv) {
  const repo = createMembersRepo(env.db);
  const at = () => env.now().toISOString();

  function get(id: number): Member {
    const row = repo.byId(id);
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
    const payer = repo.byId(payerId);
    if (!payer) throw invalid(`Payer ${payerId} does not exist.`);
    if (payer.merged_into !== null) throw invalid(`Payer ${payerId} was merged into another member.`);
    if (payer.payer_id !== null) throw invalid(`Payer ${payerId} is paid for by someone else (one level of household only).`);
    if (memberId !== null && repo.dependants(memberId) > 0) {
      throw invalid(`Member ${memberId} pays for other members and cannot have a payer.`);
    }
  }

  function checkCard(memberId: number | null, cardNo: string | null): void {
    if (cardNo === null) return;
    const holder = repo.cardHolder(cardNo, memberId);
    if (holder !== undefined) throw new AppError('DUPLICATE_CARD', `Card ${cardNo} belongs to member ${holder}.`, { cardNo, memberId: holder });
  }

  function values(m: MemberData): MemberValues {
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

  function create(input: MemberData): Member {
    checkBirthday(input.birthday, env.today(), 'birthday');
    checkPayer(null, input.payerId);
    checkCard(null, input.cardNo);
    const member = get(repo.insert(values(input), at()));
    env.audit('member', member.id, null, member);
    return member;
  }

  /**
   * The members of an import, in one go: the import has checked each row (card free, birthday not in the
   * future) against the database in the same transaction, or before with nothing written since; one audit
   * entry each, as `create` writes.
   */
  function createImported(list: MemberData[]): number[] {
    const stamp = at();
    // One bulk insert (migration 025): the cards are checked and the search-index rows written once, at its end;
    // the rows go in 50 per INSERT, the audit entries after them in the same order.
    return memberBulk(env.db, () => {
      const ids = repo.insertMany(list.map(values), stamp);
      list.forEach((m, i) => {
        const id = ids[i]!;
        const member: Member = { id, name: m.name, phone: m.phone, cardNo: m.cardNo, birthday: m.birthday, payerId: null, notes: m.notes, tags: m.tags, mergedInto: null, createdAt: stamp, updatedAt: stamp };
        env.audit('member', id, null, member);
      });
      return ids;
    });
  }

  function update(id: number, input: MemberData): Member {
    const before = active(id);
    checkBirthday(input.birthday, env.today(), 'member.birthday');
    checkPayer(id, input.payerId);
    // Invoices already billed to the member stay on their own account, which a member with a payer cannot pay
    // into: they are settled before the member joins a household, so the debt never drops out of sight.
    if (before.payerId === null && input.payerId !== null) {
      const owes = payerBalance(env.db, id).owes;
      if (owes > 0) throw new AppError('MEMBER_OWES', `${before.name} still owes ${owes} on their own account: take that payment first.`, { memberId: id, owes });
    }
    // An unchanged card is never refused, so a clash older than migration 011 does not block editing either member.
    if (input.cardNo !== before.cardNo) checkCard(id, input.cardNo);
    repo.update(id, values(input), at());
    const after = get(id);
    env.audit('member', id, before, after);
    return after;
  }

  /** What a payer owes and holds (the ledger's view); NOT_FOUND for an unknown member. */
  function balance(payerId: number): PayerBalance {
    get(payerId);
    return payerBalance(env.db, payerId);
  }

  /** Cards held by more than one live member, case ignored, for the owner to resolve (a merge resolves one too). */
  function cardClashes(): CardClash[] {
    const groups = new Map<string, CardClash>();
    for (const r of repo.cardClashes()) {
      const key = r.card_no.toUpperCase();
      const group = groups.get(key) ?? { card: key, members: [] };
      group.members.push({ id: r.id, name: r.name, cardNo: r.card_no });
      groups.set(key, group);
    }
    return [...groups.values()];
  }

  return { get, active, payerOf, create, createImported, update, balance, cardClashes };
}

export type MembersService = ReturnType<typeof createMembersService>;
