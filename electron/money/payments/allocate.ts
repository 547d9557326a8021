/**
 * Pure allocation maths: how an amount spreads over invoices, and how a need is drawn from
 * sources of credit. Amounts are integer minor units; nothing here reads the database.
 */
export interface Target {
  invoiceId: number;
  balance: number;
  /** A fixed amount the clerk typed for this invoice; otherwise as much as is left, up to its balance. */
  amount?: number | undefined;
}

export interface Split {
  invoiceId: number;
  amount: number;
}

/** Fills the targets in order from `amount`; returns what goes where and what is left over (account credit). */
export function spread(amount: number, targets: Target[]): { splits: Split[]; leftover: number } {
  let left = amount;
  const splits: Split[] = [];
  for (const t of targets) {
    if (left <= 0) break;
    const take = Math.min(t.amount ?? t.balance, t.balance, left);
    if (take > 0) {
      splits.push({ invoiceId: t.invoiceId, amount: take });
      left -= take;
    }
  }
  return { splits, leftover: left };
}

export interface Source<K extends string = string> {
  kind: K;
  id: number;
  remaining: number;
}

/** Takes `need` from the sources in the order given; returns the draws (less than `need` when they run out). */
export function draw<K extends string>(need: number, sources: Source<K>[]): { kind: K; id: number; amount: number }[] {
  let left = need;
  const out: { kind: K; id: number; amount: number }[] = [];
  for (const s of sources) {
    if (left <= 0) break;
    const take = Math.min(s.remaining, left);
    if (take > 0) {
      out.push({ kind: s.kind, id: s.id, amount: take });
      left -= take;
    }
  }
  return out;
}

/** Cash: what goes back to the customer. */
export function changeDue(tendered: number, amount: number): number {
  return tendered - amount;
}
