import { z } from 'zod';
import { channel } from './define';
import { empty, id, isoDate, lineText, requiredLine, text } from './common';
import type { Member, PayerBalance } from './billing-types';
import { PHOTO_MAX_BYTES } from '../../shared/lists';

/** Phone: digits with optional +, spaces and dashes; 5..20 digits. Empty is allowed. */
export const phone = text(30).refine((p) => p === '' || /^\+?[\d\s-]{5,25}$/.test(p), 'invalid_phone');
export const cardNo = z
  .string('invalid_card')
  .trim()
  .regex(/^[A-Za-z0-9-]{1,40}$/, 'invalid_card');

export const memberFields = {
  name: requiredLine(100),
  phone: phone.default(''),
  cardNo: cardNo.nullable().default(null),
  birthday: isoDate.nullable().default(null),
  payerId: id.nullable().default(null),
  notes: text(2000).default(''),
  tags: z.array(lineText(30), 'invalid_choice').max(20, 'too_long').default([]),
};

export const memberInput = z.strictObject(memberFields);
export type MemberInput = z.input<typeof memberInput>;

/** Live members holding one card number in different case (older than migration 011), grouped by the card in capitals. */
export interface CardClash {
  card: string;
  members: { id: number; name: string; cardNo: string }[];
}

/**
 * A photo as the renderer sends it: the JPEG's bytes in base64, at most PHOTO_MAX_BYTES (the renderer shrinks
 * it first; the table's CHECK refuses anything larger too). "/9j/" is how a JPEG's first bytes read in base64.
 */
export const photoJpeg = z
  .string('invalid_file')
  .max(Math.ceil(PHOTO_MAX_BYTES / 3) * 4, 'too_long')
  .regex(/^\/9j\/[A-Za-z0-9+/]+={0,2}$/, 'invalid_file');

export interface MemberPhoto {
  memberId: number;
  /** JPEG bytes, base64. */
  jpeg: string;
  updatedAt: string;
}

export const memberChannels = {
  'members.create': channel<Member>()(memberInput, { access: 'desk', mutates: true }),
  'members.update': channel<Member>()(z.strictObject({ id, member: memberInput }), { access: 'desk', mutates: true }),
  'members.get': channel<Member>()(z.strictObject({ id }), { access: 'desk', mutates: false }),
  /** Card numbers two members hold in different case, for the owner to give one of them a new number. */
  'members.cardClashes': channel<CardClash[]>()(empty, { access: 'desk', mutates: false }),
  'members.balance': channel<PayerBalance>()(z.strictObject({ payerId: id }), { access: 'desk', mutates: false }),
  /** The member's photo, or null when none was taken. */
  'members.photo': channel<MemberPhoto | null>()(z.strictObject({ memberId: id }), { access: 'desk', mutates: false }),
  /** Sets (or replaces) the member's photo; audited without the image itself. */
  'members.setPhoto': channel<MemberPhoto>()(z.strictObject({ memberId: id, jpeg: photoJpeg }), { access: 'desk', mutates: true }),
  /** Removes the member's photo (NOT_FOUND when there is none). */
  'members.removePhoto': channel<{ memberId: number }>()(z.strictObject({ memberId: id }), { access: 'desk', mutates: true }),
};
