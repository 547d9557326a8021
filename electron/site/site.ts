/**
 * This PC's place on the site (docs/site.md), kept in <data folder>/site: whether it shares its
 * books (the main desk) or works on another PC's (a connected desk). The shell builds it before the
 * host, gives its hooks to `createHost`, then attaches the host; tests do the same on 127.0.0.1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { ConnectInput, FoundMainDesk, SiteHooks, SiteSharing, SiteStatus } from '../contract/site';
import type { EventName } from '../contract/index';
import type { Host } from '../host/host';
import { siteRepo } from '../db/repos/site';
import { readCert, readOrMakeCert, type SiteCert } from './cert';
import { openLink, pairWith, type LinkConfig, type SiteLink } from './link';
import { createPairing } from './pairing';
import { DEFAULT_PORT } from './protocol';
import { startSiteServer, type SiteServer } from './server';
import { announce, findMainDesks } from './discovery';

export interface SiteOptions {
  dataDir: string;
  /** The port sharing listens on; 0 = any free port (tests). Default DEFAULT_PORT, or any if taken. */
  port?: number;
  /** Announce and look for main desks with mDNS/DNS-SD (off in tests). Default on. */
  discovery?: boolean;
  wallClock?: () => number;
  /** A connected desk's retry pace and patience (tests shorten them). */
  retryMs?: number;
  waitMs?: number;
}

export interface Site {
  hooks: SiteHooks;
  /** True when this PC is a connected desk (its host must not run the scheduler). */
  linked(): boolean;
  /** Starts what was on when the app last closed: sharing, or the link to the main desk. */
  attach(host: Host): Promise<void>;
  /** The running server (tests read its port). */
  server(): SiteServer | null;
  link(): SiteLink | null;
  close(): Promise<void>;
}

/**
 * This PC's own site channels, never sent to the main desk; the window's error report stays in this PC's log,
 * and the language switch in this PC's settings file (each desk has its own language).
 */
const LOCAL = new Set(['site.status', 'site.discover', 'site.connect', 'system.logError', 'settings.setLocale']);

interface Saved {
  sharing?: boolean;
}

export function createSite(opts: SiteOptions): Site {
  const dir = path.join(opts.dataDir, 'site');
  const files = { state: path.join(dir, 'sharing.json'), link: path.join(dir, 'link.json'), queue: path.join(dir, 'queue.json') };
  const wallClock = opts.wallClock ?? Date.now;
  let host: Host | null = null;
  let server: SiteServer | null = null;
  let cert: SiteCert | null = readCert(dir);
  let link: SiteLink | null = null;
  let linkConfig: LinkConfig | null = readJson<LinkConfig>(files.link);
  let stopAnnouncing: (() => void) | null = null;
  const pairing = createPairing(() => new Date(wallClock()));

  function readJson<T>(file: string): T | null {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    } catch {
      return null;
    }
  }
  function writeJson(file: string, value: unknown): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(value, null, 2), { mode: 0o600 });
  }
  const need = (): Host => {
    if (!host) throw new AppError('SITE_UNAVAILABLE', 'Sharing with other PCs is not available here.');
    return host;
  };
  const hasOwnBooks = () => !!host && !host.damaged && siteRepo(host.db).hasStaff();

  async function startSharing(h: Host): Promise<void> {
    cert ??= await readOrMakeCert(dir, new Date(wallClock()));
    const deps = {
      host: h,
      cert,
      pairing,
      mainName: () => h.settings.get().businessName || 'Subdesk',
      wallClock,
      onPresence: () => undefined,
    };
    const port = opts.port ?? DEFAULT_PORT;
    try {
      server = await startSiteServer(deps, port);
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'EADDRINUSE' || port === 0) throw e;
      server = await startSiteServer(deps, 0);
    }
    if (opts.discovery !== false) stopAnnouncing = announce(deps.mainName(), server.port);
  }

  async function stopSharing(): Promise<void> {
    stopAnnouncing?.();
    stopAnnouncing = null;
    pairing.clear();
    await server?.close();
    server = null;
  }

  function startLink(h: Host, cfg: LinkConfig): void {
    link = openLink(cfg, {
      queueFile: files.queue,
      wallClock,
      ...(opts.retryMs ? { retryMs: opts.retryMs } : {}),
      ...(opts.waitMs ? { waitMs: opts.waitMs } : {}),
      onEvent: (name, payload) => h.emit(name as EventName, payload as never),
      onRevoked: () => {
        // The owner removed this PC: it works alone again until it is paired anew.
        link = null;
        linkConfig = null;
        fs.rmSync(files.link, { force: true });
        h.emit('settings.changed', { locale: h.settings.get().locale });
      },
    });
  }

  function sharing(): SiteSharing {
    const h = host;
    const devices = h && cert ? siteRepo(h.db).devices(cert.fingerprint) : [];
    const connected = server?.connected() ?? new Set<number>();
    return {
      on: server !== null,
      port: server?.port ?? null,
      addresses: server ? localAddresses() : [],
      fingerprint: cert?.fingerprint ?? null,
      code: server ? pairing.current() : null,
      devices: devices.map((d) => ({ id: d.id, name: d.name, pairedAt: d.paired_at, lastSeenAt: d.last_seen_at, connected: connected.has(d.id) })),
    };
  }

  function status(): SiteStatus {
    return { role: link ? 'connected' : 'main', sharingOn: server !== null, hasOwnBooks: hasOwnBooks(), link: link?.status() ?? null };
  }

  const hooks: SiteHooks = {
    status,
    sharing,
    async setSharing(on) {
      const h = need();
      if (link) throw new AppError('SITE_UNAVAILABLE', 'A connected desk does not share; the main desk does.');
      if (on && !server) await startSharing(h);
      if (!on && server) await stopSharing();
      writeJson(files.state, { sharing: on } satisfies Saved);
      return sharing();
    },
    newCode() {
      if (!server) throw new AppError('SITE_UNAVAILABLE', 'Turn sharing on first.');
      return pairing.make();
    },
    revoke(id) {
      const h = need();
      siteRepo(h.db).revoke(id, new Date(wallClock()).toISOString());
      server?.drop(id);
      return sharing();
    },
    discover: () => (opts.discovery === false ? Promise.resolve([] as FoundMainDesk[]) : findMainDesks(2000)),
    async connect(input: ConnectInput) {
      const h = need();
      if (hasOwnBooks()) throw new AppError('HAS_OWN_BOOKS', 'This PC already has its own staff and records, so it cannot become a connected desk.');
      if (link) throw new AppError('CONFLICT', 'This PC is already connected to a main desk.');
      if (server) await stopSharing();
      const cfg = await pairWith(input.address, input.port ?? DEFAULT_PORT, input.code, input.deviceName);
      writeJson(files.link, cfg);
      linkConfig = cfg;
      // The main desk runs billing and backups from now on; this PC never does.
      h.scheduler.stop();
      startLink(h, cfg);
      await link!.ready();
      return status();
    },
    forwards: (channel) => link !== null && !LOCAL.has(channel),
    forward: (channel, input) => {
      if (!link) throw new AppError('SITE_UNAVAILABLE', 'This PC is not connected to a main desk.');
      return link.invoke(channel, input);
    },
  };

  return {
    hooks,
    linked: () => linkConfig !== null,
    async attach(h) {
      host = h;
      if (linkConfig) startLink(h, linkConfig);
      else if (readJson<Saved>(files.state)?.sharing) await startSharing(h);
    },
    server: () => server,
    link: () => link,
    async close() {
      link?.close();
      link = null;
      await stopSharing();
    },
  };
}

/** This PC's IPv4 addresses on the local network, to type on a new PC. */
function localAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => !!i && i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
}
