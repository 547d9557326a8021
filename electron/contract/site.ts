/**
 * Several PCs on one site (docs/site.md): the main desk holds the books and may share them on the
 * local network; a connected desk works on the main desk's books through this same contract.
 */
import { z } from 'zod';
import { channel } from './define';
import { empty, id, requiredLine } from './common';

/** A paired connected desk, as the owner sees it on Settings › Devices. */
export interface SiteDevice {
  id: number;
  name: string;
  /** UTC ISO instants. */
  pairedAt: string;
  lastSeenAt: string | null;
  /** Has an open link to this main desk right now. */
  connected: boolean;
}

/** What anyone at this PC may know about its place on the site. */
export interface SiteStatus {
  /** 'main': this PC keeps the books (shared or not); 'connected': it works on a main desk's books. */
  role: 'main' | 'connected';
  /** The main desk shares its books on the network now. */
  sharingOn: boolean;
  /** This PC has its own staff and books: it cannot become a connected desk. */
  hasOwnBooks: boolean;
  /** On a connected desk: the main desk it works with and whether it can reach it. */
  link: SiteLink | null;
}

export interface SiteLink {
  address: string;
  port: number;
  /** This desk's name on the main desk's list. */
  deviceName: string;
  /** The main desk's business name. */
  mainName: string;
  /** 'unreachable': calls are refused (check-ins wait in the queue) and the desk keeps trying. */
  state: 'connected' | 'connecting' | 'unreachable';
  /** Check-ins taken while the main desk was unreachable, waiting to be sent. */
  queued: number;
}

/** The owner's view of sharing on the main desk. */
export interface SiteSharing {
  on: boolean;
  port: number | null;
  /** This PC's local network addresses, to type on a new PC when it finds nothing by itself. */
  addresses: string[];
  /** SHA-256 of the main desk's certificate, as connected desks pin it. */
  fingerprint: string | null;
  /** The pairing code now valid, if any. */
  code: PairingCode | null;
  devices: SiteDevice[];
}

export interface PairingCode {
  code: string;
  /** UTC ISO instant; a code is valid for 5 minutes. */
  expiresAt: string;
}

/** A main desk found on the local network. */
export interface FoundMainDesk {
  name: string;
  address: string;
  port: number;
}

/** An IPv4/IPv6 address or a host name as typed on a new PC. */
const address = z
  .string('invalid_text')
  .trim()
  .min(1, 'required')
  .max(253, 'too_long')
  .regex(/^[A-Za-z0-9.:\-[\]]+$/, 'invalid_address');
const port = z.number('out_of_range').int('out_of_range').min(1, 'out_of_range').max(65535, 'out_of_range');

export const siteChannels = {
  'site.status': channel<SiteStatus>()(empty, { access: 'public', mutates: false }),
  /** Sharing on the main desk: its state, the pairing code and the paired desks. */
  'site.sharing': channel<SiteSharing>()(empty, { access: 'owner', mutates: false }),
  /** Turns sharing on (the certificate is made the first time) or off (nothing listens). */
  'site.setSharing': channel<SiteSharing>()(z.strictObject({ on: z.boolean('invalid_choice') }), { access: 'owner', mutates: true, tx: 'self' }),
  /** A new 6-digit pairing code, valid 5 minutes (the previous one stops working). */
  'site.newCode': channel<PairingCode>()(empty, { access: 'owner', mutates: false }),
  /** Removes a desk from the paired list at once: its next call is refused. */
  'site.revoke': channel<SiteSharing>()(z.strictObject({ id }), { access: 'owner', mutates: true }),
  /** Main desks sharing on this network (a short look, about two seconds). */
  'site.discover': channel<{ found: FoundMainDesk[] }>()(empty, { access: 'public', mutates: false }),
  /**
   * Makes this new PC a connected desk of the main desk at `address` with the owner's pairing code.
   * Refused on a PC that has its own staff and books.
   */
  'site.connect': channel<SiteStatus>()(
    z.strictObject({
      address,
      port: port.optional(),
      code: z.string('invalid_code').regex(/^\d{6}$/, 'invalid_code'),
      deviceName: requiredLine(60),
    }),
    { access: 'public', mutates: true, tx: 'self' },
  ),
};

export type ConnectInput = z.output<(typeof siteChannels)['site.connect']['input']>;

/**
 * What the host asks of this PC's place on the site (electron/site builds it; the shell passes it
 * to `createHost`). Without it the PC works alone and the site channels say sharing is off.
 */
export interface SiteHooks {
  status(): SiteStatus;
  sharing(): SiteSharing;
  setSharing(on: boolean): Promise<SiteSharing>;
  newCode(): PairingCode;
  /** Synchronous: runs inside the call's transaction (the device row and the audit entry commit together). */
  revoke(id: number): SiteSharing;
  discover(): Promise<FoundMainDesk[]>;
  connect(input: ConnectInput): Promise<SiteStatus>;
  /** On a connected desk: true for every channel the main desk answers (all but this PC's own site channels). */
  forwards(channel: string): boolean;
  forward(channel: string, input: unknown): Promise<unknown>;
}
