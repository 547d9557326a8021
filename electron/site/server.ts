/**
 * The main desk's side of the local network (docs/site.md): a WebSocket server inside TLS that
 * pairs new desks with the owner's code and hands every call of a paired desk to `host.invoke`,
 * the same dispatch the window uses, with that desk's own sign-in. Listens only while sharing is on.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppError } from '../../shared/errors';
import { channels, isChannel, type EventName } from '../contract/index';
import { toEnvelope, type Envelope } from '../contract/envelope';
import type { Caller, Host } from '../host/host';
import type { Session } from '../desk/staff/session';
import { siteRepo } from '../db/repos/site';
import { pairingProof, type SiteCert } from './cert';
import { clientMessage, MAX_MESSAGE_BYTES, QUEUED_CHANNEL, REPLAY_WINDOW_MS, type ClientMessage, type ServerMessage } from './protocol';
import type { Pairing } from './pairing';

/** Wrong PINs a desk may try within PIN_WINDOW_MS before its sign-ins wait. */
export const PIN_TRIES = 5;
export const PIN_WINDOW_MS = 5 * 60_000;
/** Kept answers live this long: a desk retries a cut-off call within seconds, never days. */
const KEEP_ANSWERS_MS = 7 * 86_400_000;
const SEEN_EVERY_MS = 60_000;

export interface SiteServerDeps {
  host: Host;
  cert: SiteCert;
  pairing: Pairing;
  /** The business name connected desks show. */
  mainName: () => string;
  /** The real time, for call stamps (the host's clock may be a test's). */
  wallClock: () => number;
  /** A desk connected or went away (the Devices screen refreshes). */
  onPresence: () => void;
}

export interface SiteServer {
  readonly port: number;
  connected(): Set<number>;
  /** Closes the desk's links and forgets its sign-in (it was revoked). */
  drop(deviceId: number): void;
  close(): Promise<void>;
}

interface DeskState {
  session: Session;
  nonces: Map<string, number>;
  pinFailures: number[];
  lastSeenWrite: number;
}

const refused = (code: ConstructorParameters<typeof AppError>[0], message: string): Envelope => ({ ok: false, error: { code, message } });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function startSiteServer(deps: SiteServerDeps, port: number): Promise<SiteServer> {
  const { host } = deps;
  const server = https.createServer({ cert: deps.cert.cert, key: deps.cert.key, minVersion: 'TLSv1.2' });
  // Up to four times the limit is read and refused with an answer; beyond that the link is cut.
  const wss = new WebSocketServer({ server, maxPayload: MAX_MESSAGE_BYTES * 4 });
  const desks = new Map<number, DeskState>();
  const sockets = new Map<WebSocket, number | null>();
  const inFlight = new Map<string, Promise<Envelope>>();
  const repo = () => siteRepo(host.db);
  const nowIso = () => new Date(deps.wallClock()).toISOString();

  const send = (ws: WebSocket, msg: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };

  function deskOf(id: number): DeskState {
    let d = desks.get(id);
    if (!d) {
      d = { session: host.newSession(), nonces: new Map(), pinFailures: [], lastSeenWrite: 0 };
      desks.set(id, d);
    }
    return d;
  }

  /** Paired, not revoked, under this certificate, with its secret; then a fresh stamp and nonce. */
  function check(m: Extract<ClientMessage, { deviceId: number }>): { id: number; name: string; desk: DeskState } | Envelope {
    const row = repo().device(m.deviceId);
    const given = Buffer.from(sha256(m.token));
    if (!row || row.cert_fingerprint !== deps.cert.fingerprint || !timingSafeEqual(given, Buffer.from(row.token_hash))) {
      return refused('DEVICE_NOT_PAIRED', 'This PC is not paired with the main desk.');
    }
    if (row.revoked_at) return refused('DEVICE_REVOKED', 'The owner removed this PC from the main desk’s devices.');
    const wall = deps.wallClock();
    const desk = deskOf(row.id);
    if (Math.abs(wall - m.ts) > REPLAY_WINDOW_MS || desk.nonces.has(m.nonce)) {
      return refused('REPLAYED', 'The main desk refused a call it had already seen, or one with this PC’s clock far off.');
    }
    desk.nonces.set(m.nonce, m.ts);
    for (const [n, ts] of desk.nonces) if (wall - ts > REPLAY_WINDOW_MS) desk.nonces.delete(n);
    if (wall - desk.lastSeenWrite > SEEN_EVERY_MS) {
      desk.lastSeenWrite = wall;
      repo().seen(row.id, nowIso());
    }
    return { id: row.id, name: row.name, desk };
  }

  function pinLimited(desk: DeskState): boolean {
    const wall = deps.wallClock();
    desk.pinFailures = desk.pinFailures.filter((t) => wall - t < PIN_WINDOW_MS);
    return desk.pinFailures.length >= PIN_TRIES;
  }

  async function call(m: Extract<ClientMessage, { t: 'call' }>, device: { id: number; name: string; desk: DeskState }): Promise<Envelope> {
    if (!isChannel(m.channel)) return toEnvelope(() => host.invoke(m.channel as never, m.input as never));
    const def = channels[m.channel];
    if (m.channel === 'auth.signIn' && pinLimited(device.desk)) {
      return refused('PIN_TRIES_EXCEEDED', 'Too many wrong PINs from this PC. Wait five minutes, then try again.');
    }
    if (!def.mutates) return run(m, device);
    if (!m.key) return refused('VALIDATION', 'A changing call from a connected desk needs its idempotency key.');
    const slot = `${device.id}:${m.key}`;
    const running = inFlight.get(slot);
    if (running) return running;
    const kept = repo().answer(device.id, m.key);
    if (kept) {
      if (kept.channel !== m.channel) return refused('CONFLICT', 'That key was used for another call.');
      return { ok: true, data: JSON.parse(kept.answer) as unknown };
    }
    const p = run(m, device).finally(() => inFlight.delete(slot));
    inFlight.set(slot, p);
    return p;
  }

  async function run(m: Extract<ClientMessage, { t: 'call' }>, device: { id: number; name: string; desk: DeskState }): Promise<Envelope> {
    let remembered = false;
    const remember = (answer: unknown) => {
      if (!m.key) return;
      remembered = true;
      repo().remember({ device_id: device.id, key: m.key, channel: m.channel, answer: JSON.stringify(answer ?? null), at: nowIso() });
    };
    const madeAt = m.channel === QUEUED_CHANNEL ? m.madeAt : undefined;
    const caller: Caller = { device: { id: device.id, name: device.name }, session: device.desk.session, remember, ...(madeAt ? { madeAt } : {}) };
    const envelope = await toEnvelope(() => host.invoke(m.channel as never, m.input as never, caller));
    if (m.channel === 'auth.signIn' && !envelope.ok && envelope.error.code === 'WRONG_PIN') device.desk.pinFailures.push(deps.wallClock());
    // A channel that runs its own transactions (a sign-in, the billing run) keeps its answer after it.
    if (envelope.ok && m.key && !remembered && channels[m.channel as keyof typeof channels].mutates) remember(envelope.data);
    return envelope;
  }

  async function onMessage(ws: WebSocket, raw: Buffer): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return send(ws, { t: 'refused', envelope: refused('VALIDATION', 'The main desk could not read that message.') });
    }
    const id = typeof (parsed as { id?: unknown })?.id === 'number' ? (parsed as { id: number }).id : -1;
    const answer = (envelope: Envelope) => send(ws, id >= 0 ? { t: 'answer', id, envelope } : { t: 'refused', envelope });
    if (raw.length > MAX_MESSAGE_BYTES) return answer(refused('TOO_LARGE', 'That request is larger than the main desk accepts.'));
    const msg = clientMessage.safeParse(parsed);
    if (!msg.success) return answer(refused('VALIDATION', 'The main desk could not read that message.'));
    const m = msg.data;
    if (m.t === 'pair') {
      const outcome = deps.pairing.take(m.code);
      if (outcome !== 'ok') {
        return answer(
          outcome === 'expired'
            ? refused('PAIRING_CODE_EXPIRED', 'That pairing code is no longer valid. Ask the owner for a new one.')
            : refused('PAIRING_CODE_WRONG', 'That pairing code is not right.'),
        );
      }
      const token = randomBytes(32).toString('base64url');
      const deviceId = repo().addDevice({ name: m.deviceName.trim(), token_hash: sha256(token), cert_fingerprint: deps.cert.fingerprint, paired_at: nowIso() });
      deps.onPresence();
      return send(ws, { t: 'paired', deviceId, token, mainName: deps.mainName(), proof: pairingProof(m.code, deps.cert.fingerprint) });
    }
    const device = check(m);
    if ('ok' in device) {
      answer(device);
      if (!device.ok && (device.error.code === 'DEVICE_REVOKED' || device.error.code === 'DEVICE_NOT_PAIRED')) ws.close(4001, device.error.code);
      return;
    }
    if (sockets.get(ws) !== device.id) {
      sockets.set(ws, device.id);
      deps.onPresence();
    }
    if (m.t === 'hello') return send(ws, { t: 'welcome', mainName: deps.mainName() });
    answer(await call(m, device));
  }

  wss.on('connection', (ws) => {
    sockets.set(ws, null);
    ws.on('message', (data: Buffer) => void onMessage(ws, data));
    ws.on('close', () => {
      const was = sockets.get(ws);
      sockets.delete(ws);
      if (was != null) deps.onPresence();
    });
    ws.on('error', () => ws.terminate());
  });

  // Push events: every paired desk refreshes; a desk's own change is not sent back to it.
  const unsubscribe = host.onAny((name: EventName, payload: unknown) => {
    const origin = name === 'data.changed' ? (payload as { deviceId: number | null }).deviceId : null;
    const out = name === 'data.changed' ? { ...(payload as object), here: false } : payload;
    for (const [ws, deviceId] of sockets) if (deviceId !== null && deviceId !== origin) send(ws, { t: 'event', name, payload: out });
  });

  // Old kept answers go when sharing starts.
  repo().forgetBefore(new Date(deps.wallClock() - KEEP_ANSWERS_MS).toISOString());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
    connected: () => new Set([...sockets.values()].filter((v): v is number => v !== null)),
    drop(deviceId) {
      desks.delete(deviceId);
      for (const [ws, id] of sockets) if (id === deviceId) ws.close(4001, 'DEVICE_REVOKED');
    },
    async close() {
      unsubscribe();
      for (const ws of sockets.keys()) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
