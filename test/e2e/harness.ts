/**
 * The browser harness (docs/architecture.md, Tests): serves the built renderer on 127.0.0.1 and plays the
 * preload's part — `window.api` is defined by an init script and each call goes through
 * `exposeBinding` to `host.invoke` in this test process, through the same envelope as IPC.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { test as base, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { createHost, type Host } from '../../electron/host/host';
import { toEnvelope } from '../../electron/contract/envelope';
import type { Role } from '../../electron/contract/define';
import type { StaffBrief } from '../../electron/contract/staff';
import { fakeDialogs, type FakeDialogs } from '../support/dialogs';
import { signInAs, testClock, tempDir, TEST_STAFF, type TestClock } from '../support/host';

const RENDERER_DIR = path.resolve(process.env['SUBDESK_OUT'] ?? 'out', 'renderer');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export function startServer(): Promise<{ url: string; close(): Promise<void> }> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` (npm test does) before the e2e tests');
  }
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(RENDERER_DIR, urlPath === '/' ? 'index.html' : urlPath);
    if (!file.startsWith(RENDERER_DIR) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

const INIT_SCRIPT = `
  (() => {
    const listeners = new Map();
    window.api = Object.freeze({
      invoke: (channel, input) => window.__subdeskInvoke(channel, input),
      on: (event, listener) => {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event).add(listener);
        return () => listeners.get(event).delete(listener);
      },
    });
    window.__subdeskEmit = (event, payload) => {
      for (const l of listeners.get(event) ?? []) l(payload);
    };
  })();
`;

export interface AppFixture {
  host: Host;
  clock: TestClock;
  /** Plays the native file dialogs main would open: queue each answer (a path, or null for Cancel). */
  dialogs: FakeDialogs;
  dataDir: string;
  url: string;
  page: Page;
  /** Opens the app in a new page of the same context (same host, same data). */
  openPage(): Promise<Page>;
  /** Closes the host and opens a new one on the same data folder, as an app restart would. */
  restartHost(): Promise<Host>;
  /** Completes the first-start set-up through the host (business and owner, signed in), for tests that start past it. */
  setup(locale?: 'en' | 'zh-CN'): Promise<void>;
  /** Signs in a staff member of that role (TEST_STAFF), creating them if needed. */
  signInAs(role: Role): Promise<StaffBrief>;
}

/** `getHost` answers null once the test is over: a call the page still makes then never reaches a closed host (whose folder is gone). */
export async function wire(context: BrowserContext, getHost: () => Host | null, serverUrl: string): Promise<void> {
  await context.exposeBinding('__subdeskInvoke', async (source, channel: unknown, input: unknown) => {
    // The same check main.ts makes: only the app's own page may call the host.
    if (!source.frame.url().startsWith(serverUrl) || source.frame !== source.page.mainFrame()) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Caller is not the Subdesk window.' } };
    }
    const host = getHost();
    if (!host) return { ok: false, error: { code: 'CLOSED', message: 'The test is over.' } };
    return toEnvelope(() => host.invoke(channel as never, input as never));
  });
  await context.addInitScript(INIT_SCRIPT);
}

export const test = base.extend<{ app: AppFixture }, { server: { url: string } }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startServer();
      await use({ url: server.url });
      await server.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ context, page, server }, use) => {
    const clock = testClock('2026-03-02');
    const dataDir = tempDir('subdesk-e2e-');
    const dialogs = fakeDialogs();
    const options = { dataDir, now: clock.now, timers: false, idleLock: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en', dialogs };
    // The start-up work (daily backup, start-up billing run) runs after the first answer; the tests
    // start from the state it leaves, as makeHost does, so a clock moved by a test does not reach it.
    let host = await createHost(options);
    await host.settled();
    const unsubscribe: (() => void)[] = [];
    const forwardEvents = (h: Host) =>
      unsubscribe.push(
        h.onAny((event, payload) => {
          for (const p of context.pages()) void p.evaluate(([e, d]) => (window as never as { __subdeskEmit(e: unknown, d: unknown): void }).__subdeskEmit(e, d), [event, payload] as const).catch(() => undefined);
        }),
      );
    forwardEvents(host);
    let over = false;
    await wire(context, () => (over ? null : host), server.url);
    const fixture: AppFixture = {
      get host() {
        return host;
      },
      clock,
      dialogs,
      dataDir,
      url: server.url,
      page,
      async openPage() {
        const p = await context.newPage();
        await p.goto(server.url);
        return p;
      },
      async restartHost() {
        host.close();
        host = await createHost(options);
        await host.settled();
        forwardEvents(host);
        // A restart signs the test owner in again (when there is one), as the clerk would.
        const status = await host.invoke('auth.status', {});
        if (status.roster.some((s) => s.role === 'owner' && s.name === TEST_STAFF.owner.name)) await signInAs(host, 'owner');
        return host;
      },
      async setup(locale = 'en') {
        await host.invoke('settings.completeSetup', { businessName: 'Sunrise Fitness', currency: 'CNY', locale });
        await signInAs(host, 'owner');
      },
      signInAs: (role) => signInAs(host, role),
    };
    await use(fixture);
    over = true;
    for (const u of unsubscribe) u();
    host.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

/**
 * Saves a screenshot for people to look at (test-results/screens/<name>.png), the whole page. A full-page
 * capture lays the page out again at its whole height and back, about twice a plain capture's cost; the
 * desk's window does not scroll (layout.spec), so most pages are the viewport: full page only when taller.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const taller = await page.evaluate(() => {
    const doc = document.scrollingElement ?? document.documentElement;
    return doc.scrollHeight > window.innerHeight || doc.scrollWidth > window.innerWidth;
  });
  await page.screenshot({ path: path.join('test-results', 'screens', `${name}.png`), fullPage: taller });
}

/** The two common front-desk sizes a screen must fit. */
export const DESK_SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
] as const;

export interface ShootOptions {
  /** Scrolled into view before each screenshot. */
  show?: Locator;
  /** Fewer sizes than both (a state worth one picture). */
  sizes?: readonly { width: number; height: number }[];
  /** Another folder than test-results/screens. */
  dir?: string;
}

/** Saves a screenshot at each front-desk size (<dir>/<name>-<w>x<h>.png), then goes back to the first. */
export async function shootAtDeskSizes(page: Page, name: string, options: ShootOptions = {}): Promise<void> {
  for (const size of options.sizes ?? DESK_SIZES) {
    await page.setViewportSize(size);
    if (options.show) await options.show.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(options.dir ?? path.join('test-results', 'screens'), `${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(DESK_SIZES[0]);
}
