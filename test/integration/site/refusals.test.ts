/**
 * What the main desk refuses on the network (docs/site.md): unpaired desks, replayed or stale calls,
 * oversized requests, a wrong or old pairing code, and too many wrong PINs from one desk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LinkConfig } from '../../../electron/site/link';
import { MAX_MESSAGE_BYTES } from '../../../electron/site/protocol';
import { failure, signInAs } from '../../support/host';
import { closeDesks, connectedDesk, mainDesk, restartSharingOn, signInOn, waitFor, type Desk } from '../../support/site';

let desks: Desk[] = [];
afterEach(async () => {
  await closeDesks(...desks);
  desks = [];
});

/** A raw connection to the main desk, as any program on the network could open. */
async function raw(port: number) {
  const ws = new WebSocket(`wss://127.0.0.1:${port}`, { rejectUnauthorized: false });
  await new Promise((r, j) => ws.once('open', r).once('error', j));
  const replies: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  ws.on('message', (d: Buffer) => {
    const m = JSON.parse(d.toString()) as { t: string };
    if (m.t === 'event') return;
    const w = waiting.shift();
    if (w) w(m);
    else replies.push(m);
  });
  return {
    ask: (msg: unknown) =>
      new Promise<{ t: string; envelope?: { ok: boolean; error?: { code: string }; data?: unknown } }>((resolve) => {
        waiting.push(resolve as (m: unknown) => void);
        ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
      }),
    close: () => ws.terminate(),
  };
}

const nonce = () => `n${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`.padEnd(20, 'x');

describe('the main desk refuses', () => {
  it('calls from an unpaired PC, replays, stale stamps and oversized requests; each changes nothing', async () => {
    const main = await mainDesk();
    const front = await connectedDesk(main, 'Front desk 2');
    desks = [main, front];
    const cfg = JSON.parse(fs.readFileSync(path.join(front.dataDir, 'site', 'link.json'), 'utf8')) as LinkConfig;
    const c = await raw(main.site.server()!.port);
    const call = (over: Record<string, unknown>) => ({
      t: 'call',
      id: 1,
      deviceId: cfg.deviceId,
      token: cfg.token,
      nonce: nonce(),
      ts: Date.now(),
      channel: 'auth.status',
      input: {},
      ...over,
    });
    try {
      const code = async (msg: unknown) => {
        const r = await c.ask(msg);
        return r.envelope!.ok ? 'ok' : r.envelope!.error!.code;
      };
      // An unpaired PC is answered once, then cut off.
      for (const bad of [{ token: 'A'.repeat(43) }, { deviceId: 999 }]) {
        const stranger = await raw(main.site.server()!.port);
        expect((await stranger.ask(call(bad))).envelope!.error!.code).toBe('DEVICE_NOT_PAIRED');
        stranger.close();
      }
      const once = call({});
      expect(await code(once)).toBe('ok');
      expect(await code(once)).toBe('REPLAYED');
      expect(await code(call({ ts: Date.now() - 10 * 60_000 }))).toBe('REPLAYED');
      expect(await code(call({ channel: 'members.create', input: { name: 'x'.repeat(MAX_MESSAGE_BYTES) }, key: 'k'.repeat(20) }))).toBe('TOO_LARGE');
      // A changing call without its idempotency key is refused before it runs.
      expect(await code(call({ channel: 'members.create', input: { name: 'No key' } }))).toBe('VALIDATION');
      expect(await code('not json')).toBe('VALIDATION');
      expect(main.host.db.prepare('SELECT COUNT(*) AS n FROM members').get()).toEqual({ n: 0 });
    } finally {
      c.close();
    }
  });

  it('a wrong pairing code, five wrong tries, and a code older than five minutes', async () => {
    const main = await mainDesk();
    desks = [main];
    const c = await raw(main.site.server()!.port);
    try {
      const pair = (code: string) => c.ask({ t: 'pair', code, deviceName: 'Classroom 1' }).then((r) => (r.t === 'paired' ? 'paired' : r.envelope!.error!.code));
      expect(await pair('123456')).toBe('PAIRING_CODE_EXPIRED'); // no code shown yet
      const { code } = await main.host.invoke('site.newCode', {});
      const wrong = code === '000000' ? '000001' : '000000';
      for (let i = 0; i < 5; i++) expect(await pair(wrong)).toBe('PAIRING_CODE_WRONG');
      expect(await pair(code)).toBe('PAIRING_CODE_EXPIRED'); // five wrong tries void the code
      const fresh = await main.host.invoke('site.newCode', {});
      expect((await main.host.invoke('site.sharing', {})).code).toEqual(fresh);
      expect(await pair(fresh.code)).toBe('paired');
      expect(await pair(fresh.code)).toBe('PAIRING_CODE_EXPIRED'); // used up
      expect((await main.host.invoke('site.sharing', {})).devices.map((d) => d.name)).toEqual(['Classroom 1']);
    } finally {
      c.close();
    }
  });

  it('counts wrong PINs per desk: the sixth try from that desk waits, the main desk signs in as before', async () => {
    const main = await mainDesk();
    await signInAs(main.host, 'manager');
    await signInAs(main.host, 'desk');
    await signInAs(main.host, 'owner');
    const front = await connectedDesk(main, 'Front desk 2');
    desks = [main, front];
    const roster = (await front.host.invoke('auth.status', {})).roster;
    const id = (name: string) => roster.find((s) => s.name === name)!.id;
    const tries = [id('Owner'), id('Owner'), id('Manager'), id('Manager'), id('Desk')];
    for (const staffId of tries) expect((await failure(front.host.invoke('auth.signIn', { staffId, pin: '9999' }))).code).toBe('WRONG_PIN');
    expect((await failure(front.host.invoke('auth.signIn', { staffId: id('Desk'), pin: '1111' }))).code).toBe('PIN_TRIES_EXCEEDED');
    await signInAs(main.host, 'owner');
    expect((await main.host.invoke('auth.status', {})).staff?.name).toBe('Owner');
    // Nobody is signed in on the desk: its calls are refused as on any PC.
    expect((await failure(front.host.invoke('members.list', {}))).code).toBe('SIGN_IN_REQUIRED');
  });

  it('a PC with its own books cannot become a connected desk', async () => {
    const main = await mainDesk();
    const other = await mainDesk();
    desks = [main, other];
    const { code } = await main.host.invoke('site.newCode', {});
    const err = await failure(other.host.invoke('site.connect', { address: '127.0.0.1', port: main.site.server()!.port, code, deviceName: 'Office' }));
    expect(err.code).toBe('HAS_OWN_BOOKS');
    expect((await failure(other.host.invoke('site.connect', { address: 'a b', code: '12', deviceName: '' }))).code).toBe('VALIDATION');
  });
});

describe('a connected desk', () => {
  it('signs in on its own: each desk has its own person, checked on the main desk', async () => {
    const main = await mainDesk();
    await signInAs(main.host, 'desk');
    await signInAs(main.host, 'owner');
    const front = await connectedDesk(main, 'Front desk 2');
    desks = [main, front];
    await signInOn(front, 'Desk', '1111');
    expect((await front.host.invoke('auth.status', {})).staff?.name).toBe('Desk');
    expect((await main.host.invoke('auth.status', {})).staff?.name).toBe('Owner');
    expect((await failure(front.host.invoke('staff.list', {}))).code).toBe('FORBIDDEN');
    // The owner deactivates the clerk: the desk's next call finds nobody signed in.
    const desk = (await main.host.invoke('staff.list', {})).find((s) => s.name === 'Desk')!;
    await main.host.invoke('staff.setActive', { id: desk.id, active: false });
    expect((await failure(front.host.invoke('members.list', {}))).code).toBe('SIGN_IN_REQUIRED');
  });

  it('hears a check-in made on the main desk, and keeps check-ins while the main desk is away, sending each once', async () => {
    const main = await mainDesk();
    const front = await connectedDesk(main, 'Front desk 2');
    desks = [main, front];
    await signInOn(front, 'Owner', '1234');
    const m = await main.host.invoke('members.create', { name: '钱七' });
    const plan = await main.host.invoke('plans.create', { kind: 'recurring', name: 'Gold', price: 30000, interval: 'month', taxRateBp: 0 });
    await main.host.invoke('subscriptions.create', { memberId: m.id, planId: plan.id, startDate: '2026-03-02' });
    const later = await main.host.invoke('members.create', { name: '孙八' });
    await main.host.invoke('subscriptions.create', { memberId: later.id, planId: plan.id, startDate: '2026-03-02' });
    const heard: unknown[] = [];
    front.host.onAny((name, payload) => heard.push([name, payload]));
    await main.host.invoke('checkin.checkIn', { memberId: m.id });
    const checkinHeard = await waitFor(() => heard.find((h) => (h as [string, { channel: string }])[1].channel === 'checkin.checkIn') ?? null);
    expect(checkinHeard).toEqual(['data.changed', { channel: 'checkin.checkIn', deviceId: null, here: false }]);

    const port = main.site.server()!.port;
    await main.host.invoke('site.setSharing', { on: false });
    expect((await failure(front.host.invoke('members.create', { name: 'Away' }))).code).toBe('MAIN_DESK_UNREACHABLE');
    const queued = await failure(front.host.invoke('checkin.checkIn', { memberId: later.id }));
    expect(queued).toMatchObject({ code: 'CHECKIN_QUEUED', details: { queued: 1 } });
    expect((await front.host.invoke('site.status', {})).link).toMatchObject({ state: 'unreachable', queued: 1 });
    expect(main.host.db.prepare('SELECT COUNT(*) AS n FROM checkins').get()).toEqual({ n: 1 });

    // Sharing back on, on the same port and with the same certificate: the queue goes out once.
    await main.site.close();
    await restartSharingOn(main, port);
    await front.site.link()!.ready();
    // The main desk restarted: the desk's clerk signs in again, and the waiting check-in goes out.
    expect(front.site.link()!.status().queued).toBe(1);
    await signInOn(front, 'Owner', '1234');
    await waitFor(() => (front.site.link()!.status().queued === 0 ? true : null));
    expect(main.host.db.prepare('SELECT COUNT(*) AS n FROM checkins').get()).toEqual({ n: 2 });
    expect(main.host.db.prepare("SELECT device FROM audit_log WHERE channel = 'checkin.checkIn' AND entity = 'checkin' ORDER BY id").all()).toEqual([
      { device: null },
      { device: 'Front desk 2' },
    ]);
    expect(main.host.db.prepare("SELECT COUNT(*) AS n FROM members WHERE name = 'Away'").get()).toEqual({ n: 0 });
  });
});
