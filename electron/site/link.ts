/**
 * A connected desk's link to its main desk (docs/site.md). Every call of this PC's window goes
 * out as one message and comes back as the main desk's envelope. The main desk's certificate is
 * checked against the fingerprint pinned at pairing before anything secret is sent. A lost link
 * is retried for ever; a changing call cut off mid-way is sent again with the same key (the main
 * desk answers it once); while the main desk is unreachable only check-ins wait, in a queue kept
 * on disk and sent once when the link is back.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import { AppError } from '../../shared/errors';
import { channels, isChannel } from '../contract/index';
import type { Envelope } from '../contract/envelope';
import type { SiteLink as LinkStatus } from '../contract/site';
import { pairingProof } from './cert';
import { MAX_MESSAGE_BYTES, QUEUED_CHANNEL, type ClientMessage, type ServerMessage } from './protocol';

export interface LinkConfig {
  address: string;
  port: number;
  fingerprint: string;
  deviceId: number;
  token: string;
  deviceName: string;
  mainName: string;
}

export interface LinkOptions {
  /** Where waiting check-ins are kept (survives a restart of this PC). */
  queueFile: string;
  onEvent(name: string, payload: unknown): void;
  onState?(state: LinkStatus['state']): void;
  /** The main desk said this PC is no longer paired: forget the link. */
  onRevoked(): void;
  wallClock?: () => number;
  /** Between tries to reach the main desk. */
  retryMs?: number;
  /** How long a call waits for the link to come back before it says the main desk is unreachable. */
  waitMs?: number;
}

export interface SiteLink {
  invoke(channel: string, input: unknown): Promise<unknown>;
  status(): LinkStatus;
  /** Resolves when the link is up (tests). */
  ready(): Promise<void>;
  close(): void;
}

interface Queued {
  key: string;
  input: unknown;
  at: string;
}

const newId = () => randomBytes(16).toString('base64url');
const wsUrl = (address: string, port: number) => `wss://${address.includes(':') && !address.startsWith('[') ? `[${address}]` : address}:${port}`;

export function openLink(cfg: LinkConfig, opts: LinkOptions): SiteLink {
  const wall = opts.wallClock ?? Date.now;
  const retryMs = opts.retryMs ?? 2000;
  const waitMs = opts.waitMs ?? 8000;
  let state: LinkStatus['state'] = 'connecting';
  let ws: WebSocket | null = null;
  let closed = false;
  let seq = 0;
  let retry: NodeJS.Timeout | undefined;
  const pending = new Map<number, { resolve: (e: Envelope) => void; reject: (e: Error) => void }>();
  let upWaiters: (() => void)[] = [];
  let queue: Queued[] = readQueue();
  let flushing = false;
  let gone: Envelope | null = null;

  function readQueue(): Queued[] {
    try {
      return JSON.parse(fs.readFileSync(opts.queueFile, 'utf8')) as Queued[];
    } catch {
      return [];
    }
  }
  function writeQueue(): void {
    fs.writeFileSync(opts.queueFile, JSON.stringify(queue));
  }

  function setState(next: LinkStatus['state']): void {
    if (state === next) return;
    state = next;
    opts.onState?.(next);
    if (next === 'connected') {
      for (const w of upWaiters) w();
      upWaiters = [];
      void flush();
    }
  }

  function connect(): void {
    if (closed) return;
    const socket = new WebSocket(wsUrl(cfg.address, cfg.port), {
      // The certificate is self-made: it is trusted by its pinned fingerprint below, not by a CA.
      rejectUnauthorized: false,
      maxPayload: MAX_MESSAGE_BYTES * 64,
      handshakeTimeout: 5000,
    });
    ws = socket;
    let pinned = false;
    socket.on('upgrade', (res) => {
      pinned = (res.socket as TLSSocket).getPeerCertificate().fingerprint256 === cfg.fingerprint;
      if (!pinned) socket.terminate();
    });
    // Nothing secret goes out before the certificate matched the pinned fingerprint.
    socket.on('open', () => {
      if (pinned) socket.send(JSON.stringify({ t: 'hello', ...stamp() } satisfies ClientMessage));
    });
    socket.on('message', (data: Buffer) => onMessage(data));
    socket.on('close', () => lost(socket));
    socket.on('error', () => lost(socket));
  }

  function lost(socket: WebSocket): void {
    if (ws !== socket) return;
    ws = null;
    for (const p of pending.values()) p.reject(new Error('link lost'));
    pending.clear();
    if (closed) return;
    setState('unreachable');
    clearTimeout(retry);
    retry = setTimeout(connect, retryMs);
  }

  function onMessage(data: Buffer): void {
    let m: ServerMessage;
    try {
      m = JSON.parse(data.toString('utf8')) as ServerMessage;
    } catch {
      return;
    }
    if (m.t === 'welcome') setState('connected');
    else if (m.t === 'event') opts.onEvent(m.name, m.payload);
    else if (m.t === 'answer') {
      pending.get(m.id)?.resolve(m.envelope);
      pending.delete(m.id);
    } else if (m.t === 'refused' && isGone(m.envelope)) {
      forget(m.envelope);
    }
  }

  const isGone = (e: Envelope) => !e.ok && (e.error.code === 'DEVICE_REVOKED' || e.error.code === 'DEVICE_NOT_PAIRED');
  /** The main desk no longer knows this PC: every waiting call gets its refusal, and the link is dropped. */
  function forget(refusal: Envelope): void {
    if (gone) return;
    gone = refusal;
    closed = true;
    ws?.terminate();
    for (const w of upWaiters) w();
    upWaiters = [];
    opts.onRevoked();
  }

  function stamp() {
    return { deviceId: cfg.deviceId, token: cfg.token, nonce: newId(), ts: wall() };
  }

  function waitUp(): Promise<boolean> {
    if (state === 'connected') return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), waitMs);
      upWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** One try: sends the call (a fresh nonce and stamp) and waits for its answer; throws if the link drops. */
  function send(channel: string, input: unknown, key: string | undefined, madeAt?: string): Promise<Envelope> {
    const socket = ws;
    if (!socket || state !== 'connected') return Promise.reject(new Error('not connected'));
    const id = seq++;
    return new Promise<Envelope>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ t: 'call', id, ...stamp(), channel, input, ...(key ? { key } : {}), ...(madeAt ? { madeAt } : {}) } satisfies ClientMessage));
    });
  }

  /** Sends until an answer comes (the same key each time), or the main desk stays away too long. */
  async function deliver(channel: string, input: unknown, key: string | undefined): Promise<Envelope | null> {
    for (;;) {
      if (gone) return gone;
      if (closed || !(await waitUp()) || closed) return gone;
      try {
        return await send(channel, input, key);
      } catch {
        // The link dropped mid-call: it may or may not have been done there; the same key makes sure of once.
      }
    }
  }

  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      while (queue.length && state === 'connected') {
        const item = queue[0]!;
        let envelope: Envelope;
        try {
          // It says when it was made here, so the main desk lists it for review as a check-in made while it was away.
          envelope = await send(QUEUED_CHANNEL, item.input, item.key, item.at);
        } catch {
          return; // the link dropped again: the item stays, the next connect sends it with the same key
        }
        if (isGone(envelope)) return forget(envelope);
        // Nobody signed in on this desk since the main desk restarted: it waits for the next sign-in.
        if (!envelope.ok && (envelope.error.code === 'SIGN_IN_REQUIRED' || envelope.error.code === 'SESSION_LOCKED')) return;
        queue = queue.slice(1);
        writeQueue();
      }
    } finally {
      flushing = false;
    }
  }

  async function invoke(channel: string, input: unknown): Promise<unknown> {
    const mutates = isChannel(channel) && channels[channel].mutates;
    const key = mutates ? newId() : undefined;
    const envelope = await deliver(channel, input, key);
    if (!envelope) {
      if (channel === QUEUED_CHANNEL && key) {
        queue = [...queue, { key, input, at: new Date(wall()).toISOString() }];
        writeQueue();
        throw new AppError('CHECKIN_QUEUED', 'The main desk cannot be reached. This check-in is kept here and sent as soon as it can be.', { queued: queue.length });
      }
      throw new AppError('MAIN_DESK_UNREACHABLE', 'The main desk cannot be reached. Nothing was saved. This PC keeps trying.');
    }
    if (envelope.ok) {
      if (queue.length) void flush();
      return envelope.data;
    }
    if (isGone(envelope)) forget(envelope);
    throw new AppError(envelope.error.code, envelope.error.message, envelope.error.details);
  }

  connect();
  return {
    invoke,
    status: () => ({ address: cfg.address, port: cfg.port, deviceName: cfg.deviceName, mainName: cfg.mainName, state, queued: queue.length }),
    ready: () => waitUp().then(() => undefined),
    close() {
      closed = true;
      clearTimeout(retry);
      ws?.terminate();
      for (const w of upWaiters) w();
    },
  };
}

/**
 * Pairs this PC with the main desk at `address`: the owner's code goes out, a device id and secret
 * come back with the proof that the certificate seen is the one of the PC showing the code.
 */
export function pairWith(address: string, port: number, code: string, deviceName: string, timeoutMs = 8000): Promise<LinkConfig> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(address, port), { rejectUnauthorized: false, handshakeTimeout: timeoutMs });
    let fingerprint = '';
    const fail = (e: AppError) => {
      clearTimeout(timer);
      socket.terminate();
      reject(e);
    };
    const unreachable = () => fail(new AppError('MAIN_DESK_UNREACHABLE', 'No main desk answered at that address. Check the address and that sharing is on.'));
    const timer = setTimeout(unreachable, timeoutMs);
    socket.on('upgrade', (res) => {
      fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
    });
    socket.on('open', () => socket.send(JSON.stringify({ t: 'pair', code, deviceName } satisfies ClientMessage)));
    socket.on('error', unreachable);
    socket.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString('utf8')) as ServerMessage;
      if (m.t === 'paired') {
        if (m.proof !== pairingProof(code, fingerprint)) {
          return fail(new AppError('MAIN_DESK_CHANGED', 'The PC that answered could not prove it is the main desk showing this code. Nothing was paired.'));
        }
        clearTimeout(timer);
        socket.close();
        resolve({ address, port, fingerprint, deviceId: m.deviceId, token: m.token, deviceName, mainName: m.mainName });
      } else if ((m.t === 'answer' || m.t === 'refused') && !m.envelope.ok) {
        fail(new AppError(m.envelope.error.code, m.envelope.error.message));
      }
    });
  });
}
