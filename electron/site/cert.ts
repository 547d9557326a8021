/**
 * The main desk's TLS certificate: made once, the first time sharing is turned on, and kept in
 * this PC's data folder (it belongs to the PC, not to the books: a restored backup on another PC
 * makes its own, and desks pair again). Connected desks pin its SHA-256 fingerprint.
 */
import { createHmac, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import selfsigned from 'selfsigned';

export interface SiteCert {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, colon-separated hex (as node's `fingerprint256`). */
  fingerprint: string;
}

const CERT = 'main-desk-cert.pem';
const KEY = 'main-desk-key.pem';

export function readCert(dir: string): SiteCert | null {
  try {
    const cert = fs.readFileSync(path.join(dir, CERT), 'utf8');
    const key = fs.readFileSync(path.join(dir, KEY), 'utf8');
    return { cert, key, fingerprint: new X509Certificate(cert).fingerprint256 };
  } catch {
    return null;
  }
}

export async function readOrMakeCert(dir: string, now: Date): Promise<SiteCert> {
  const known = readCert(dir);
  if (known) return known;
  const made = await selfsigned.generate([{ name: 'commonName', value: 'Subdesk main desk' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 86_400_000),
    notAfterDate: new Date(now.getTime() + 30 * 365 * 86_400_000),
  });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, KEY), made.private, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, CERT), made.cert);
  return { cert: made.cert, key: made.private, fingerprint: new X509Certificate(made.cert).fingerprint256 };
}

/**
 * What the main desk sends back at pairing: the certificate's fingerprint keyed with the pairing
 * code. Only a main desk that knows the code can make it, so the new desk knows the certificate it
 * is about to pin is the one of the PC whose screen shows the code.
 */
export function pairingProof(code: string, fingerprint: string): string {
  return createHmac('sha256', code).update(fingerprint).digest('hex');
}
