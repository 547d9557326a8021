/**
 * PIN hashing with scrypt (node:crypto). The stored form carries its parameters,
 * `scrypt$N$r$p$salt$hash` (base64), so they can be raised later without breaking old hashes.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, KEYLEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function parse(stored: string): { opts: ScryptOptions; salt: Buffer; hash: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (!n || !r || !p) return null;
  return { opts: { N: n, r, p }, salt: Buffer.from(parts[4]!, 'base64'), hash: Buffer.from(parts[5]!, 'base64') };
}

/** Constant-time comparison; an unreadable stored hash never matches. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.hash.length === 0) return false;
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(pin, parsed.salt, parsed.hash.length, parsed.opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
  return timingSafeEqual(actual, parsed.hash);
}

export function verifyPinSync(pin: string, stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed || parsed.hash.length === 0) return false;
  return timingSafeEqual(scryptSync(pin, parsed.salt, parsed.hash.length, parsed.opts), parsed.hash);
}
