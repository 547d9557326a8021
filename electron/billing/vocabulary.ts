// The billing vocabulary: the words a subscription, a discount and an invoice line are made of.
// The contract re-exports them, so the screens and the engine speak the same words.

export type SubscriptionStatus = 'trialing' | 'active' | 'paused' | 'cancelled' | 'ended';

export interface DiscountTerms {
  kind: 'percent' | 'fixed';
  /** Basis points for percent (10000 = 100 %), minor units for fixed. */
  value: number;
  duration: 'once' | 'repeating' | 'forever';
  periods: number | null;
}

export type InvoiceLineKind =
  | 'period'
  | 'addon'
  | 'setup_fee'
  | 'freeze_fee'
  | 'pack'
  | 'proration_charge'
  | 'proration_credit'
  | 'discount'
  | 'household_discount'
  | 'late_fee'
  | 'adjustment';
