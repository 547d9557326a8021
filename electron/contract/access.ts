/**
 * Who may call what, read from the channel declarations. Pure (zod and the contract only), so
 * the host's dispatch and the renderer's buttons answer from the same rules.
 */
import { channels, type Channel, type Input } from './index';
import type { AccessRule, Role } from './define';
import { allows } from './staff';

/** The first input-dependent rule of `channel` that `role` fails for this parsed input, if any. */
export function refusedBy(role: Role | null | undefined, channel: Channel, parsed: unknown): AccessRule<unknown> | null {
  const rules = channels[channel].when as readonly AccessRule<unknown>[];
  return rules.find((r) => r.if(parsed) && !allows(role, r.role)) ?? null;
}

/**
 * May `role` call `channel` (with `input`, when given)? Without an input only the channel's
 * own access counts. An input that does not parse is judged by the channel's access alone:
 * the host refuses it as invalid anyway.
 */
export function canCall<K extends Channel>(role: Role | null | undefined, channel: K, input?: Input<K>): boolean {
  const def = channels[channel];
  if (!allows(role, def.access)) return false;
  if (input === undefined) return true;
  const parsed = def.input.safeParse(input);
  return !parsed.success || refusedBy(role, channel, parsed.data) === null;
}
