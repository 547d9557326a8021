import type { z } from 'zod';

/** Who may call a channel. Enforced in the host once staff sign-in exists. */
export type Role = 'desk' | 'manager' | 'owner';
export type Access = Role | 'public';

export interface ChannelDef<I extends z.ZodType, O> {
  input: I;
  access: Access;
  /** A mutating channel runs in one SQLite transaction and is audited. */
  mutates: boolean;
  /**
   * 'host' (default): the host wraps the handler in one transaction.
   * 'self': the handler manages its own transactions (the billing run: one per billing unit).
   */
  tx: 'host' | 'self';
  /** Phantom field carrying the output type; never set at runtime. */
  readonly __output?: O;
}

/**
 * Declares a channel: `channel<Output>()(inputSchema, { access, mutates })`.
 * The curried form lets the output type be written while the input type is inferred.
 */
export function channel<O>() {
  return <I extends z.ZodType>(
    input: I,
    opts: { access: Access; mutates: boolean; tx?: 'host' | 'self' },
  ): ChannelDef<I, O> => ({ input, access: opts.access, mutates: opts.mutates, tx: opts.tx ?? 'host' });
}
