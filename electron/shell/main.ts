// Electron main: lifecycle, one instance, the hardened window, IPC wired to the host. Thin on purpose.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import ElectronStore from 'electron-store';
import mainLog from 'electron-log/main';
import { AppError } from '../../shared/errors';
import { createHost, type Host } from '../host/host';
import { createSite, type Site } from '../site/site';
import { configureLogFile, type LogWriter } from '../ops/diagnostics/log';
import { watchDemo } from '../host/demo/switch';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../contract/bridge';
import { toEnvelope } from '../contract/envelope';
import { electronDialogs } from './native/dialogs';
import { afterInvoke } from './printing/printing';
import { appMenuTemplate, cspFor, externalLinkPrompt, hardenContents, withCspHeader } from './security/hardening';
import type { SettingsStoreFactory } from '../ops/settings/store';
import { isAppUrl, windowOptions } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
let host: Host | undefined;
let site: Site | undefined;
let win: BrowserWindow | undefined;
/** Backup export, import and the backup folder are picked here, in main, never typed in the renderer. */
const dialogs = electronDialogs(() => win);

const electronStoreFactory: SettingsStoreFactory = (opts) => new ElectronStore(opts as never) as never;

/** In development the Electron-ABI build of better-sqlite3 lives in a cache folder (scripts/electron-native.mjs). */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = path.join(app.getAppPath(), '.cache', 'electron-native', process.versions.electron, 'better_sqlite3.node');
  return fs.existsSync(file) ? file : undefined;
}

function devServerUrl(): string | undefined {
  const dev = process.env['ELECTRON_RENDERER_URL'];
  return dev && !app.isPackaged ? dev : undefined;
}

function appUrl(): string {
  return devServerUrl() ?? `file://${path.join(here, '../renderer/index.html')}`;
}

/** An http(s) link goes to the OS browser only after the owner agrees. */
function offerExternal(url: string): void {
  const { buttons, message } = externalLinkPrompt(host?.settings.get().locale ?? 'en', url);
  const choice = win ? dialog.showMessageBoxSync(win, { type: 'question', buttons, message }) : 1;
  if (choice === 0) void shell.openExternal(url);
}

function createWindow(): void {
  // Navigation, new windows, webviews and DevTools are refused in web-contents-created, for every webContents.
  win = new BrowserWindow(windowOptions(path.join(here, '../preload/index.cjs'), !app.isPackaged));
  win.once('ready-to-show', () => win?.show());
  void win.loadURL(appUrl());
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // The CSP as a header too: the dev server's page has no meta tag.
  const csp = cspFor(devServerUrl());
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) }));
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(app.isPackaged, process.platform)));

  const dataDir = path.join(app.getPath('userData'), 'data');
  // Main-process errors go to the support log (<data folder>/logs) from here on; each host repoints it to its folder.
  configureLogFile(mainLog as unknown as LogWriter, dataDir);
  mainLog.errorHandler.startCatching();
  // The window gets nothing from the log: its preload forwards only the app's own events anyway.
  if (mainLog.transports.ipc) mainLog.transports.ipc.level = false;
  const shellLog = { logger: mainLog as unknown as LogWriter, versions: { electron: process.versions.electron, chrome: process.versions.chrome } };
  try {
    // Several PCs (docs/site.md): this PC shares its books, or works on a main desk's (then it never runs the scheduler).
    site = createSite({ dataDir });
    host = await createHost({
      dataDir,
      nativeBinding: nativeBinding(),
      settingsStoreFactory: electronStoreFactory,
      osLocale: app.getLocale(),
      appVersion: app.getVersion(),
      timers: true,
      dialogs,
      site: site.hooks,
      scheduler: !site.linked(),
      ...shellLog,
    });
    await site.attach(host);
  } catch (e) {
    const message = e instanceof AppError ? e.message : String(e);
    dialog.showErrorBox('Subdesk cannot open its data', `${message}\n\n${dataDir}`);
    app.quit();
    return;
  }

  const url = appUrl();
  ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, input: unknown) => {
    // Only the app's own top-level page may call the host.
    const frameUrl = event.senderFrame?.url ?? '';
    if (!win || event.sender !== win.webContents || !isAppUrl(frameUrl, url)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Caller is not the Subdesk window.' } };
    }
    // Printing needs Electron: the host renders, electron/shell/printing prints (documents.print, documents.printers).
    return toEnvelope(async () => afterInvoke(channel, await host!.invoke(channel as never, input as never), win));
  });
  host.onAny((name, payload) => win?.webContents.send(EVENT_CHANNEL, name, payload));
  // "Explore with sample data": the host moves to the sample folder and back (electron/host/demo/switch.ts).
  const options = { nativeBinding: nativeBinding(), settingsStoreFactory: electronStoreFactory, osLocale: app.getLocale(), appVersion: app.getVersion(), timers: true, dialogs, ...shellLog };
  watchDemo(host, options, (next) => {
    host = next;
    // Sharing serves the real books only: it pauses while the sample business is open.
    void site?.close().then(() => (next.dataDir === dataDir ? site?.attach(next) : undefined));
    next.onAny((name, payload) => win?.webContents.send(EVENT_CHANNEL, name, payload));
    win?.reload();
  });
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => hardenContents(contents, { appUrl, packaged: app.isPackaged, offerExternal }));
  void app.whenReady().then(start);
  app.on('window-all-closed', () => app.quit());
  // The quit backup runs once, before the database closes; a failure is logged by the backup service.
  let quitBackupDone = false;
  app.on('before-quit', (e) => {
    if (quitBackupDone || !host) return;
    e.preventDefault();
    quitBackupDone = true;
    void host.backupOnQuit().finally(() => app.quit());
  });
  app.on('will-quit', () => {
    void site?.close();
    host?.close();
  });
}
