/**
 * When a document or screen names the member each invoice line is for. A member's own invoice
 * naming them on every line is noise; a payer's invoice for someone else, or for several
 * members, must say whose each line is (docs/billing.md, "What a line says about itself").
 */
export function namesLines(payerId: number, memberIds: readonly (number | null)[]): boolean {
  const named = new Set(memberIds.map((m) => m ?? payerId));
  return named.size > 1 || [...named].some((m) => m !== payerId);
}
