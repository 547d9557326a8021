/**
 * The owner's pairing code: six digits, valid five minutes, one at a time. A code that pairs a
 * desk is used up; five wrong tries void it (the owner makes a new one), so guessing gets nowhere.
 */
import { randomInt } from 'node:crypto';
import type { PairingCode } from '../contract/site';

export const CODE_MINUTES = 5;
const WRONG_TRIES = 5;

export interface Pairing {
  current(): PairingCode | null;
  make(): PairingCode;
  take(code: string): 'ok' | 'wrong' | 'expired';
  clear(): void;
}

export function createPairing(now: () => Date): Pairing {
  let code: { code: string; expires: number; wrong: number } | null = null;
  const live = () => (code && code.expires > now().getTime() ? code : null);
  return {
    current() {
      const c = live();
      return c ? { code: c.code, expiresAt: new Date(c.expires).toISOString() } : null;
    },
    make() {
      code = { code: String(randomInt(0, 1_000_000)).padStart(6, '0'), expires: now().getTime() + CODE_MINUTES * 60_000, wrong: 0 };
      return { code: code.code, expiresAt: new Date(code.expires).toISOString() };
    },
    take(given) {
      const c = live();
      if (!c) return 'expired';
      if (c.code !== given) {
        if (++c.wrong >= WRONG_TRIES) code = null;
        return 'wrong';
      }
      code = null;
      return 'ok';
    },
    clear() {
      code = null;
    },
  };
}
