/**
 * The household seen from the payer's page: each member the payer pays for, with their
 * memberships, dates, visits and what is still owed for them.
 */
import { z } from 'zod';
import { channel } from './define';
import { id } from './common';
import type { SubscriptionStatus } from './billing-types';

/** A membership of one household member, as the payer's page lists it. */
export interface FamilyMembership {
  subscriptionId: number;
  planName: string;
  status: SubscriptionStatus;
  /** The next renewal (the next period start not yet billed); null once billing has stopped. */
  nextBillDate: string | null;
  /** Service stops on this day (exclusive); null while open-ended. */
  endDate: string | null;
  /** The pause in force or scheduled, if any. */
  pause: { startDate: string; endDate: string | null } | null;
}

/** A pack (次卡) of one household member that still has sessions and days left. */
export interface FamilyPack {
  packId: number;
  planName: string;
  sessionsLeft: number;
  sessionsTotal: number;
  expiresOn: string;
}

export interface FamilyMember {
  memberId: number;
  name: string;
  cardNo: string | null;
  memberships: FamilyMembership[];
  packs: FamilyPack[];
  /** Check-ins (not undone) from the first of this month to today. */
  visitsThisMonth: number;
  lastVisit: string | null;
  /** What is still owed for this member: their share of the payer's open invoices (docs/billing.md, "Owed per member"). */
  owed: number;
}

export interface Family {
  payerId: number;
  payerName: string;
  /** The first day of the month the visit counts start from. */
  monthStart: string;
  members: FamilyMember[];
  /** Owed for the payer's own lines (their memberships, late fees, lines for no one member). */
  ownOwed: number;
  /** Everything the payer owes: the members' shares plus `ownOwed`. */
  due: number;
}

export const familyChannels = {
  /** The members a payer pays for, with memberships, visits and owed per member; empty for one who pays for no one. */
  'members.family': channel<Family>()(z.strictObject({ memberId: id }), { access: 'desk', mutates: false }),
};
