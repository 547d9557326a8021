import { describe, expect, it } from 'vitest';
import { CSP } from '../../electron/shell/security/csp';
import { isAppUrl, isExternalLinkAllowed, windowOptions } from '../../electron/shell/window';

describe('hardened window', () => {
  it('isolates the renderer from Node', () => {
    const w = windowOptions('/app/out/preload/index.cjs').webPreferences!;
    expect(w).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('accepts only the app’s own page as an IPC sender', () => {
    const file = 'file:///opt/Subdesk/resources/app.asar/out/renderer/index.html';
    expect(isAppUrl(`${file}#/settings`, file)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', file)).toBe(false);
    expect(isAppUrl('https://evil.example/index.html', file)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/members', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('not a url', file)).toBe(false);
  });

  it('hands only http and https links to the OS browser', () => {
    expect(isExternalLinkAllowed('https://subdesk.app/help')).toBe(true);
    expect(isExternalLinkAllowed('http://example.com')).toBe(true);
    for (const bad of ['file:///C:/Windows/system32/calc.exe', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', '']) {
      expect(isExternalLinkAllowed(bad)).toBe(false);
    }
  });

  it('has a CSP that allows no remote scripts, no eval and no plugins', () => {
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});
