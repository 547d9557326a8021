/**
 * The Electron security checklist, tested without the Electron binary: `electron` is replaced
 * by a recording fake, then the real main.ts and preload.ts run against it. What they hand to
 * Electron (window options, permission, navigation and new-window handlers, the IPC sender
 * check, the quit backup) is checked here; the fuses are checked in package.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../electron/contract/bridge';
import { CSP } from '../../../electron/shell/security/csp';
import { tempDir } from '../../support/host';

type Listener = (...args: unknown[]) => unknown;
const userData = tempDir('subdesk-electron-');

const fake = vi.hoisted(() => {
  const on = () => {
    const listeners = new Map<string, ((...a: unknown[]) => unknown)[]>();
    return {
      listeners,
      on(event: string, l: (...a: unknown[]) => unknown) {
        listeners.set(event, [...(listeners.get(event) ?? []), l]);
      },
      emit(event: string, ...args: unknown[]) {
        for (const l of listeners.get(event) ?? []) l(...args);
      },
    };
  };
  const state = {
    windows: [] as { options: unknown; webContents: ReturnType<typeof contents>; loadURL: (u: string) => void; url?: string }[],
    app: { ...on(), quitCalls: 0 },
    handlers: new Map<string, (...a: unknown[]) => unknown>(),
    permissionRequest: undefined as undefined | ((wc: unknown, perm: string, cb: (ok: boolean) => void) => void),
    permissionCheck: undefined as undefined | ((...a: unknown[]) => boolean),
    dialogAnswers: [] as number[],
    dialogs: [] as unknown[],
    opened: [] as string[],
    exposed: new Map<string, unknown>(),
    rendererInvokes: [] as unknown[][],
    userData: '',
    headersListener: undefined as undefined | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
    menu: undefined as unknown,
    on,
    contents,
  };
  /** A fake webContents: events, the window-open handler and DevTools closing are recorded. */
  function contents() {
    const wc = Object.assign(on(), {
      openHandler: undefined as undefined | ((d: { url: string }) => unknown),
      devToolsClosed: 0,
      setWindowOpenHandler(h: unknown) {
        wc.openHandler = h as (d: { url: string }) => unknown;
      },
      closeDevTools() {
        wc.devToolsClosed++;
      },
      send: () => undefined,
    });
    return wc;
  }
  return state;
});

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: (typeof fake.windows)[number]['webContents'];
    constructor(readonly options: unknown) {
      const wc = fake.contents();
      this.webContents = wc;
      fake.windows.push({ options, webContents: wc, loadURL: () => undefined });
      // As Electron does for every new webContents.
      fake.app.emit('web-contents-created', {}, wc);
    }
    once() {}
    loadURL(u: string) {
      fake.windows.at(-1)!.url = u;
      return Promise.resolve();
    }
    isMinimized() {
      return false;
    }
  }
  const app = {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    on: (e: string, l: Listener) => fake.app.on(e, l),
    whenReady: () => Promise.resolve(),
    getPath: () => fake.userData,
    getAppPath: () => process.cwd(),
    getLocale: () => 'en',
    getVersion: () => '0.0.0-test',
    quit: () => void fake.app.quitCalls++,
  };
  return {
    app,
    BrowserWindow,
    Menu: { setApplicationMenu: (m: unknown) => void (fake.menu = m), buildFromTemplate: (t: unknown) => t },
    dialog: {
      showMessageBoxSync: (_w: unknown, opts: unknown) => {
        fake.dialogs.push(opts);
        return fake.dialogAnswers.shift() ?? 1;
      },
      showErrorBox: (...a: unknown[]) => fake.dialogs.push(a),
    },
    ipcMain: { handle: (ch: string, h: Listener) => fake.handlers.set(ch, h) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof fake.permissionRequest) => void (fake.permissionRequest = h),
        setPermissionCheckHandler: (h: typeof fake.permissionCheck) => void (fake.permissionCheck = h),
        webRequest: { onHeadersReceived: (l: typeof fake.headersListener) => void (fake.headersListener = l) },
      },
    },
    shell: { openExternal: (u: string) => void fake.opened.push(u) },
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => void fake.exposed.set(k, v) },
    ipcRenderer: {
      invoke: (...a: unknown[]) => {
        fake.rendererInvokes.push(a);
        return Promise.resolve({ ok: true, data: null });
      },
      on: () => undefined,
      off: () => undefined,
    },
  };
});

// electron-log/main requires the real Electron; its Node build writes the same file.
vi.mock('electron-log/main', async () => ({ default: (await import('electron-log/node')).default }));

// electron-store needs a real Electron; conf is the same store without it.
vi.mock('electron-store', async () => {
  const Conf = (await import('conf')).default;
  return { default: Conf };
});

let win: (typeof fake.windows)[number];
// main finds the page beside its own folder (out/main → out/renderer when built); loaded from source here, that is electron/shell → electron/renderer.
const appUrl = `file://${path.resolve('electron/shell', '../renderer/index.html')}`;
const invoke = (sender: unknown, frameUrl: string, channel: unknown, input: unknown) =>
  fake.handlers.get(INVOKE_CHANNEL)!({ sender, senderFrame: { url: frameUrl } }, channel, input) as Promise<{ ok: boolean; error?: { code: string }; data?: unknown }>;

beforeAll(async () => {
  fake.userData = userData;
  // As inside Electron (main looks for its Electron-ABI build of better-sqlite3 by this version).
  Object.defineProperty(process.versions, 'electron', { value: '44.2.0', configurable: true });
  await import('../../../electron/shell/main');
  for (let i = 0; i < 200 && !fake.windows.length; i++) await new Promise((r) => setTimeout(r, 10));
  win = fake.windows[0]!;
});
afterAll(() => fake.app.emit('will-quit'));

describe('Electron main process hardening', () => {
  it('opens one hardened window on the app’s own page', () => {
    expect(fake.windows).toHaveLength(1);
    expect(win.url).toBe(appUrl);
    expect((win.options as { webPreferences: unknown }).webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('denies every permission request and check', () => {
    const answers: boolean[] = [];
    for (const perm of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) fake.permissionRequest!({}, perm, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false, false]);
    expect(fake.permissionCheck!({}, 'media')).toBe(false);
  });

  it('blocks navigation away from the app and webviews', () => {
    const attempt = (url: string) => {
      let prevented = false;
      win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(attempt('https://evil.example/')).toBe(true);
    expect(attempt('file:///etc/passwd')).toBe(true);
    expect(attempt(`${appUrl}#/members`)).toBe(false);
    let webview = false;
    const contents = fake.contents();
    fake.app.emit('web-contents-created', {}, contents);
    contents.emit('will-attach-webview', { preventDefault: () => (webview = true) });
    expect(webview).toBe(true);
  });

  it('never opens a new window; http(s) links go to the browser only after the user agrees', () => {
    fake.dialogAnswers.push(0, 1);
    expect(win.webContents.openHandler!({ url: 'https://subdesk.app/help' })).toEqual({ action: 'deny' });
    expect(win.webContents.openHandler!({ url: 'http://example.com/' })).toEqual({ action: 'deny' }); // user said Cancel
    for (const url of ['file:///C:/Windows/system32/calc.exe', 'javascript:alert(1)', 'smb://host/share']) {
      expect(win.webContents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.opened).toEqual(['https://subdesk.app/help']);
    expect(fake.dialogs).toHaveLength(2);
  });

  it('hardens every webContents in web-contents-created, the print window too', async () => {
    const { BrowserWindow } = await import('electron');
    // printing.ts opens its hidden window like this: no preload, a data: page.
    const print = new BrowserWindow({ show: false }) as unknown as { webContents: ReturnType<typeof fake.contents> };
    const prevented = (event: string, url: string) => {
      let p = false;
      print.webContents.emit(event, { preventDefault: () => (p = true) }, url);
      return p;
    };
    expect([prevented('will-navigate', 'https://evil.example/'), prevented('will-redirect', 'file:///etc/passwd'), prevented('will-attach-webview', '')]).toEqual([true, true, true]);
    expect(print.webContents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
  });

  it('keeps DevTools for development only: the window allows them unpackaged, and the View menu has them', () => {
    expect((win.options as { webPreferences: { devTools: boolean } }).webPreferences.devTools).toBe(true);
    expect(fake.menu).toEqual([{ role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }]);
    win.webContents.emit('devtools-opened');
    expect(win.webContents.devToolsClosed).toBe(0);
  });

  it('sends the CSP as a response header, replacing any the response carried', () => {
    let answer: unknown;
    fake.headersListener!({ responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } }, (r) => (answer = r));
    expect(answer).toEqual({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CSP] } });
  });

  it('answers IPC only from the app’s own window and page, through the host', async () => {
    const stranger = fake.on();
    expect((await invoke(stranger, appUrl, 'settings.get', {})).error?.code).toBe('FORBIDDEN');
    expect((await invoke(win.webContents, 'https://evil.example/', 'settings.get', {})).error?.code).toBe('FORBIDDEN');
    const ok = await invoke(win.webContents, appUrl, 'settings.get', {});
    expect(ok.ok).toBe(true);
    expect((await invoke(win.webContents, appUrl, 'settings.update', { address: 'x' })).error?.code).toBe('SIGN_IN_REQUIRED');
    expect((await invoke(win.webContents, appUrl, 'db.exec', 'DROP TABLE staff')).error?.code).toBe('UNKNOWN_CHANNEL');
    expect(fake.handlers.size).toBe(1);
  });

  it('makes a verified backup before quitting, then quits', async () => {
    let prevented = false;
    fake.app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    for (let i = 0; i < 300 && fake.app.quitCalls === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(fake.app.quitCalls).toBe(1);
    const backups = fs.readdirSync(path.join(userData, 'data', 'backups')).filter((f) => f.endsWith('.sqlite'));
    expect(backups.some((f) => f.endsWith('-quit.sqlite'))).toBe(true);
    // The second before-quit (from app.quit) goes through.
    let again = false;
    fake.app.emit('before-quit', { preventDefault: () => (again = true) });
    expect(again).toBe(false);
  });
});

describe('preload', () => {
  it('exposes exactly invoke and on, and invoke goes to the one IPC channel', async () => {
    await import('../../../electron/shell/preload');
    expect([...fake.exposed.keys()]).toEqual(['api']);
    const api = fake.exposed.get('api') as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    await api['invoke']!('settings.get', {});
    expect(fake.rendererInvokes).toEqual([[INVOKE_CHANNEL, 'settings.get', {}]]);
    expect(EVENT_CHANNEL).not.toBe(INVOKE_CHANNEL);
  });
});

describe('packaging', () => {
  it('sets the Electron fuses that turn off running as Node and Node options', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { build: { electronFuses: Record<string, boolean> } };
    expect(pkg.build.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });
});
