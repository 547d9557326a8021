/**
 * What main hands Electron to lock down every webContents (the app's window, the hidden print
 * window, anything else that appears), as small functions over minimal shapes so the tests can
 * drive them with fakes: the Electron binary does not run in CI.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { CSP } from './csp';
import { isAppUrl, isExternalLinkAllowed } from '../window';

/** The parts of Electron's WebContents the hardening uses. */
export interface ContentsLike {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect' | 'will-attach-webview' | 'devtools-opened', listener: (...args: never[]) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  closeDevTools(): void;
}

export interface ContentsPolicy {
  /** The app's page (file URL, or the dev server in development), read at each check. */
  appUrl(): string;
  /** A packaged app never shows DevTools. */
  packaged: boolean;
  /** An http(s) link a page tried to open: main asks the owner before handing it to the browser. */
  offerExternal(url: string): void;
}

type Preventable = { preventDefault(): void };

/** Called from app.on('web-contents-created') for every webContents. */
export function hardenContents(contents: ContentsLike, policy: ContentsPolicy): void {
  // Only the app's own page may be navigated to; the print window loads its page with loadURL, which is not a navigation event.
  const stayHome = (e: Preventable, url: string) => {
    if (!isAppUrl(url, policy.appUrl())) e.preventDefault();
  };
  contents.on('will-navigate', stayHome as never);
  contents.on('will-redirect', stayHome as never);
  // Frames (the CSP already forbids them) report the target on the event itself.
  contents.on('will-frame-navigate', ((e: Preventable & { url: string }) => stayHome(e, e.url)) as never);
  contents.on('will-attach-webview', ((e: Preventable) => e.preventDefault()) as never);
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) policy.offerExternal(url);
    return { action: 'deny' };
  });
  // webPreferences.devTools is off when packaged; this also shuts any that open another way.
  if (policy.packaged) contents.on('devtools-opened', (() => contents.closeDevTools()) as never);
}

/**
 * The application menu. Packaged: editing, zoom, full screen and window only (no reload, no
 * DevTools item, no DevTools shortcut). In development Electron's View menu, with DevTools.
 */
export function appMenuTemplate(packaged: boolean, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions = packaged
    ? { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] }
    : { role: 'viewMenu' };
  const menu: MenuItemConstructorOptions[] = [{ role: 'editMenu' }, view, { role: 'windowMenu' }];
  if (platform === 'darwin') menu.unshift({ role: 'appMenu' });
  return menu;
}

/**
 * The Content-Security-Policy main also sends as a response header, so it holds where the page
 * has no meta tag (the dev server). In development Vite's hot reload needs its inline preamble
 * and a websocket to the dev server: only those two are added, nothing remote.
 */
export function cspFor(devServerUrl: string | undefined): string {
  if (!devServerUrl) return CSP;
  const ws = new URL(devServerUrl);
  ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';
  return CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", `connect-src 'self' ${ws.origin}`);
}

/** The response headers with the CSP set (any CSP the response carried is replaced). */
export function withCspHeader(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const out = Object.fromEntries(Object.entries(headers ?? {}).filter(([k]) => k.toLowerCase() !== 'content-security-policy'));
  return { ...out, 'Content-Security-Policy': [csp] };
}

/** The question before an external link goes to the OS browser, in the business language. */
export function externalLinkPrompt(locale: string, url: string): { buttons: string[]; message: string } {
  return locale === 'zh-CN'
    ? { buttons: ['打开', '取消'], message: `在浏览器中打开 ${url}？` }
    : { buttons: ['Open', 'Cancel'], message: `Open ${url} in your browser?` };
}
