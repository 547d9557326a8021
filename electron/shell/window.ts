import type { BrowserWindowConstructorOptions } from 'electron';

/** The hardened window's options, a plain object so a test can check every flag. DevTools only when not packaged. */
export function windowOptions(preloadPath: string, devTools = false): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Subdesk',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
      devTools,
    },
  };
}

/**
 * Is `url` the app's own page? In production the page is a file inside the app's
 * renderer folder; in development it is the dev server's origin.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  let u: URL;
  let app: URL;
  try {
    u = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') {
    return u.protocol === 'file:' && u.pathname === app.pathname;
  }
  return (app.protocol === 'http:' || app.protocol === 'https:') && u.origin === app.origin;
}

/** Links the app may hand to the OS browser: http and https only. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
