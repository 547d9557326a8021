/**
 * (6) The renderer in Chromium: the member list's first screen and a scroll through it.
 * Serves the built renderer (SUBDESK_OUT, default out/) and routes window.api to host.invoke
 * through exposeBinding, as test/e2e/harness.ts does (that file is a Playwright fixture, so
 * its server and init script are repeated here). Frames are counted with requestAnimationFrame.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, FULL_CHROMIUM } from '../support/chromium';
import type { Host } from '../../electron/host/host';
import { toEnvelope } from '../../electron/contract/envelope';
import { figure, single, type Figure } from './stats';

export const RENDERER_DIR = path.resolve(process.env['SUBDESK_OUT'] ?? 'out', 'renderer');

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
  })();
`;

function serve(): Promise<{ url: string; close(): void }> {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(RENDERER_DIR, p === '/' ? 'index.html' : p);
    if (!file.startsWith(RENDERER_DIR) || !fs.existsSync(file) || fs.statSync(file).isDirectory())
      return void res.writeHead(404).end();
    const type =
      { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }[path.extname(file)] ??
      'application/octet-stream';
    res.writeHead(200, { 'content-type': type });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        close: () => server.close(),
      }),
    ),
  );
}

/**
 * Scrolls the list for `ms` at a steady speed in the page, recording every frame's duration.
 * A string, not a function: tsx's transform would add helpers the page does not have.
 */
const SCROLL = (ms: number) => `new Promise((resolve) => {
  const el = document.querySelector('.mlist__scroll');
  const total = el.scrollHeight - el.clientHeight;
  const deltas = [];
  const t0 = performance.now();
  let last = t0;
  const step = (now) => {
    deltas.push(now - last);
    last = now;
    const f = (now - t0) / ${ms};
    el.scrollTop = Math.min(total, f * total);
    if (f < 1) requestAnimationFrame(step);
    else resolve(deltas.slice(1));
  };
  requestAnimationFrame(step);
})`;

export async function benchRenderer(host: Host, at: string): Promise<Figure[]> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')))
    throw new Error(`${RENDERER_DIR} is missing: build the renderer first`);
  const server = await serve();
  // The full Chromium, as the app's window is a whole browser (the e2e tests may use the lighter headless shell).
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? FULL_CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const firsts: number[] = [];
    let janky = 0;
    let frames = 0;
    let worst = 0;
    for (let i = 0; i < 4; i++) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 820 },
      });
      await context.exposeBinding('__subdeskInvoke', (_s, channel: unknown, input: unknown) =>
        toEnvelope(() => host.invoke(channel as never, input as never)),
      );
      await context.addInitScript(INIT_SCRIPT);
      const page = await context.newPage();
      const t = performance.now();
      await page.goto(`${server.url}#/members`);
      // The first row with its name: the list answered and painted.
      await page
        .locator('#member-list [role="option"] .cell-strong')
        .first()
        .waitFor({ state: 'visible', timeout: 30_000 });
      firsts.push(performance.now() - t);
      if (i === 3) {
        // Two passes over the whole list: rows are fetched page by page while scrolling.
        const deltas = [
          ...(await page.evaluate<number[]>(SCROLL(5_000))),
          ...(await page.evaluate<number[]>(SCROLL(5_000))),
        ];
        frames = deltas.length;
        janky = deltas.filter((d) => d > 50).length;
        worst = Math.max(...deltas);
      }
      await context.close();
    }
    return [
      single('member list first screen (cold page)', at, firsts[0]!, 'ms', 1000),
      figure('member list first screen', at, firsts.slice(1), 1000, 'new page each run'),
      single(
        'frames over 50 ms while scrolling',
        at,
        janky,
        'frames',
        0,
        `${frames} frames in 2×5 s, worst ${worst.toFixed(0)} ms`,
      ),
    ];
  } finally {
    await browser.close();
    server.close();
  }
}
