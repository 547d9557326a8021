/**
 * Which Debian Chromium the browser tests drive. `CHROMIUM_PATH` wins; else Debian's headless shell
 * (`chromium-headless-shell`: the same Chromium build without a browser window's own interface, which
 * the full `chromium` draws off-screen in every test) when it is installed; else `/usr/bin/chromium`.
 * The e2e suite ran its tests in about half the time on the headless shell (docs/decisions.md, "`npm test` speed").
 */
import fs from 'node:fs';

export const FULL_CHROMIUM = '/usr/bin/chromium';
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/** The browser for e2e tests. */
export const TEST_CHROMIUM = process.env['CHROMIUM_PATH'] ?? (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM);

/** Launch flags that work as root on this machine (no sandbox, no GPU, nothing fetched from the network). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
