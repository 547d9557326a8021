import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { CSP } from '../../electron/shell/security/csp';
import { appMenuTemplate, cspFor, externalLinkPrompt, hardenContents, withCspHeader } from '../../electron/shell/security/hardening';
import { windowOptions } from '../../electron/shell/window';

type Listener = (...args: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  const wc = {
    closed: 0,
    open: undefined as undefined | ((d: { url: string }) => { action: 'deny' }),
    on(event: string, l: (...args: never[]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), l as Listener]);
    },
    setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }) {
      wc.open = h;
    },
    closeDevTools() {
      wc.closed++;
    },
    /** Emits a cancellable event; true when a listener prevented it. */
    prevented(event: string, url = ''): boolean {
      let p = false;
      for (const l of listeners.get(event) ?? []) l({ preventDefault: () => (p = true) }, url);
      return p;
    },
    /** will-frame-navigate carries its url on the event. */
    frameNavigation(url: string): boolean {
      let p = false;
      for (const l of listeners.get('will-frame-navigate') ?? []) l({ url, preventDefault: () => (p = true) });
      return p;
    },
    emit(event: string) {
      for (const l of listeners.get(event) ?? []) l();
    },
  };
  return wc;
}

const APP = 'file:///opt/Subdesk/resources/app.asar/out/renderer/index.html';

function harden(packaged: boolean) {
  const wc = fakeContents();
  const offered: string[] = [];
  hardenContents(wc, { appUrl: () => APP, packaged, offerExternal: (u) => void offered.push(u) });
  return { wc, offered };
}

/** Every role and label in a menu template, submenus included. */
function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((i) => [i.role ?? i.label ?? i.type ?? '?', ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
}

describe('every webContents', () => {
  it('may navigate only within the app’s own page, never redirect away, never attach a webview', () => {
    const { wc } = harden(true);
    expect(wc.prevented('will-navigate', `${APP}#/members`)).toBe(false);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'data:text/html,<script>1</script>', 'javascript:alert(1)']) {
      expect([url, wc.prevented('will-navigate', url), wc.prevented('will-redirect', url)]).toEqual([url, true, true]);
    }
    expect(wc.prevented('will-attach-webview')).toBe(true);
    expect(wc.frameNavigation('https://evil.example/frame')).toBe(true);
    expect(wc.frameNavigation(`${APP}#/plans`)).toBe(false);
  });

  it('opens no window; only http(s) links are offered to the owner for the browser', () => {
    const { wc, offered } = harden(true);
    for (const url of ['https://subdesk.app/help', 'file:///C:/Windows/system32/calc.exe', 'javascript:alert(1)', 'http://example.com/']) {
      expect(wc.open!({ url })).toEqual({ action: 'deny' });
    }
    expect(offered).toEqual(['https://subdesk.app/help', 'http://example.com/']);
  });

  it('shuts DevTools in a packaged app and leaves them in development', () => {
    const packaged = harden(true).wc;
    packaged.emit('devtools-opened');
    expect(packaged.closed).toBe(1);
    const dev = harden(false).wc;
    dev.emit('devtools-opened');
    expect(dev.closed).toBe(0);
    expect(windowOptions('/p.cjs').webPreferences!.devTools).toBe(false);
    expect(windowOptions('/p.cjs', true).webPreferences!.devTools).toBe(true);
  });
});

describe('application menu', () => {
  it('has no DevTools or reload item when packaged, on any platform', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const all = roles(appMenuTemplate(true, platform));
      expect(all.filter((r) => /devtools|reload|viewmenu/i.test(r))).toEqual([]);
      expect(all).toContain('togglefullscreen');
    }
    expect(roles(appMenuTemplate(true, 'win32'))).toEqual(['editMenu', 'View', 'resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen', 'windowMenu']);
    expect(roles(appMenuTemplate(true, 'darwin'))[0]).toBe('appMenu');
  });

  it('keeps Electron’s View menu (with DevTools) in development', () => {
    expect(appMenuTemplate(false, 'linux')).toEqual([{ role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }]);
  });
});

describe('CSP header', () => {
  it('is the page’s CSP when packaged or built, and adds only hot reload in development', () => {
    expect(cspFor(undefined)).toBe(CSP);
    const dev = cspFor('http://localhost:5173/');
    expect(dev).toBe(CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws://localhost:5173"));
    expect(dev).toContain("default-src 'none'");
    expect(dev).toContain("object-src 'none'");
    expect(dev).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('replaces a CSP the response carried, whatever its case, and keeps the other headers', () => {
    expect(withCspHeader({ 'Content-Security-Policy': ['default-src *'], 'CONTENT-SECURITY-POLICY': ['x'], Server: ['vite'] }, 'c')).toEqual({
      Server: ['vite'],
      'Content-Security-Policy': ['c'],
    });
    expect(withCspHeader(undefined, 'c')).toEqual({ 'Content-Security-Policy': ['c'] });
  });
});

describe('external link prompt', () => {
  it('asks in the business language', () => {
    expect(externalLinkPrompt('zh-CN', 'https://a.example/')).toEqual({ buttons: ['打开', '取消'], message: '在浏览器中打开 https://a.example/？' });
    expect(externalLinkPrompt('en', 'https://a.example/')).toEqual({ buttons: ['Open', 'Cancel'], message: 'Open https://a.example/ in your browser?' });
  });
});
