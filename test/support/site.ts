/** A site on 127.0.0.1 for the tests: a main desk sharing its books and connected desks paired with its code. */
import net from 'node:net';
import { createSite, type Site } from '../../electron/site/site';
import { makeHost, tempDir, type TestHost } from './host';
import type { Host } from '../../electron/host/host';

export interface Desk {
  th: TestHost;
  site: Site;
  host: Host;
  dataDir: string;
}

/** The main desk: set up, the owner signed in, sharing on (any free port, no multicast). */
export async function mainDesk(startDate = '2026-03-02'): Promise<Desk> {
  const dataDir = tempDir('subdesk-main-');
  const site = createSite({ dataDir, port: 0, discovery: false });
  const th = await makeHost({ setup: true, startDate, dataDir, site: site.hooks });
  await site.attach(th.host);
  await th.host.invoke('site.setSharing', { on: true });
  return { th, site, host: th.host, dataDir };
}

/** A new PC paired with `main` (through `port`, e.g. a cuttable proxy's), nobody signed in yet. */
export async function connectedDesk(main: Desk, name: string, port?: number): Promise<Desk> {
  const dataDir = tempDir('subdesk-desk-');
  const site = createSite({ dataDir, port: 0, discovery: false, retryMs: 50, waitMs: 3000 });
  const th = await makeHost({ signIn: false, dataDir, site: site.hooks, now: main.th.clock.now });
  await site.attach(th.host);
  const { code } = await main.host.invoke('site.newCode', {});
  await th.host.invoke('site.connect', { address: '127.0.0.1', port: port ?? main.site.server()!.port, code, deviceName: name });
  return { th, site, host: th.host, dataDir };
}

export async function signInOn(desk: Desk, name: string, pin: string): Promise<void> {
  const roster = (await desk.host.invoke('auth.status', {})).roster;
  const who = roster.find((s) => s.name === name);
  if (!who) throw new Error(`no staff ${name}`);
  await desk.host.invoke('auth.signIn', { staffId: who.id, pin });
}

/** Sharing back on after `main.site.close()`, on the same port and with the same certificate. */
export async function restartSharingOn(main: Desk, port: number): Promise<void> {
  const site = createSite({ dataDir: main.dataDir, port, discovery: false });
  await site.attach(main.host);
  await site.hooks.setSharing(true);
  main.site = site;
}

/** Polls `probe` until it gives something other than null (a push event, an emptied queue). */
export async function waitFor<T>(probe: () => T | null, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error('waited too long');
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function closeDesks(...desks: (Desk | undefined)[]): Promise<void> {
  for (const d of desks.reverse()) {
    if (!d) continue;
    await d.site.close();
    d.th.close();
  }
}

/**
 * A TCP relay between a desk and the main desk that can cut the link at the worst moment: once
 * armed, the next bytes the main desk sends back (the answer of a call it has already done) are
 * dropped and both sides are cut off.
 */
export async function cuttableRelay(targetPort: number): Promise<{ port: number; cutNextAnswer(): void; close(): Promise<void> }> {
  let armed = false;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    open.add(client).add(upstream);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => {
      if (armed) {
        armed = false;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(d);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    cutNextAnswer: () => void (armed = true),
    close: () =>
      new Promise<void>((r) => {
        for (const s of open) s.destroy();
        server.close(() => r());
      }),
  };
}
