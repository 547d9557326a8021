import type { z } from 'zod';

/** Who may call a channel. Enforced in the host once staff sign-in exists. */
import type { Access, Role } from '../../shared/access';
export type { Access, Role };

/**
 * A stricter role that some inputs of a channel need (refunds need a manager, while the desk
 * may keep the same money as account credit). `if` sees the parsed input, defaults applied.
 */
export interface AccessRule<In> {
  if: (input: In) => boolean;
  role: Role;
  /** Shown to whoever is refused: what they may do instead. */
  message: string;
}

export interface ChannelDef<I extends z.ZodType, O> {
  input: I;
  /** Who may call the channel at all; checked before the input is read. */
  access: Access;
  /** Input-dependent rules on top of `access`; checked after the input parses. */
  when: readonly AccessRule<z.output<I>>[];
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
 * Declares a channel: `channel<Output>()(inputSchema, { access, mutates, when? })`.
 * The curried form lets the output type be written while the input type is inferred.
 */
export function channel<O>() {
  return <I extends z.ZodType>(
    input: I,
    opts: { access: Access; when?: AccessRule<z.output<I>>[]; mutates: boolean; tx?: 'host' | 'self' },
  ): ChannelDef<I, O> => ({ input, access: opts.access, when: opts.when ?? [], mutates: opts.mutates, tx: opts.tx ?? 'host' });
}
