/**
 * What crosses the local network between a connected desk and the main desk (docs/site.md): JSON
 * messages over a WebSocket inside TLS. A call carries the same channel and input as a call from
 * the window; the answer is the same envelope the window gets.
 */
import { z } from 'zod';
import type { Envelope } from '../contract/envelope';

/** The port a main desk listens on unless it is taken (then any free port; discovery tells desks which). */
export const DEFAULT_PORT = 47_810;
/** A message larger than this is refused (a photo or a logo fits; a file import runs on the main desk). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** A call stamped further than this from the main desk's clock is refused as a possible replay. */
export const REPLAY_WINDOW_MS = 5 * 60_000;
/** The only call a connected desk keeps while the main desk is unreachable, to send once it is back. */
export const QUEUED_CHANNEL = 'checkin.checkIn';
/** The DNS-SD service type main desks announce. */
export const SERVICE_TYPE = 'subdesk';

const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
const nonce = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
/** Idempotency key: the desk makes one per call and sends the same one when it retries. */
export const callKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

const signed = { deviceId: z.number().int().positive(), token, nonce, ts: z.number().int().nonnegative() };

export const clientMessage = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('pair'), code: z.string().regex(/^\d{6}$/), deviceName: z.string().min(1).max(60) }),
  /** Proves the desk is paired and subscribes it to push events. */
  z.strictObject({ t: z.literal('hello'), ...signed }),
  z.strictObject({
    t: z.literal('call'),
    id: z.number().int().nonnegative(),
    ...signed,
    key: callKey.optional(),
    /** A check-in that waited in the desk's queue: when it was made at that desk's door (UTC ISO instant). */
    madeAt: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/).optional(),
    channel: z.string().max(100),
    input: z.unknown(),
  }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

export type ServerMessage =
  | { t: 'paired'; deviceId: number; token: string; mainName: string; proof: string }
  | { t: 'welcome'; mainName: string }
  | { t: 'answer'; id: number; envelope: Envelope }
  | { t: 'refused'; envelope: Envelope }
  | { t: 'event'; name: string; payload: unknown };
