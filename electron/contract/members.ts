import { z } from 'zod';
import { channel } from './define';
import { id, isoDate, requiredText, text } from './common';
import type { Member, PayerBalance } from './billing-types';

/** Phone: digits with optional +, spaces and dashes; 5..20 digits. Empty is allowed. */
export const phone = text(30).refine((p) => p === '' || /^\+?[\d\s-]{5,25}$/.test(p), 'invalid_phone');
export const cardNo = z
  .string('invalid_card')
  .trim()
  .regex(/^[A-Za-z0-9-]{1,40}$/, 'invalid_card');

export const memberFields = {
  name: requiredText(100),
  phone: phone.default(''),
  cardNo: cardNo.nullable().default(null),
  birthday: isoDate.nullable().default(null),
  payerId: id.nullable().default(null),
  notes: text(2000).default(''),
  tags: z.array(text(30), 'invalid_choice').max(20, 'too_long').default([]),
};

export const memberInput = z.strictObject(memberFields);
export type MemberInput = z.input<typeof memberInput>;

export const memberChannels = {
  'members.create': channel<Member>()(memberInput, { access: 'desk', mutates: true }),
  'members.update': channel<Member>()(z.strictObject({ id, member: memberInput }), { access: 'desk', mutates: true }),
  'members.get': channel<Member>()(z.strictObject({ id }), { access: 'desk', mutates: false }),
  'members.balance': channel<PayerBalance>()(z.strictObject({ payerId: id }), { access: 'desk', mutates: false }),
};
