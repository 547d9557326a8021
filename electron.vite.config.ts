import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CSP } from './electron/shell/security/csp';

/** The migrations are plain .sql files read at runtime; ship them beside the bundled main. */
function copyMigrations(): Plugin {
  return {
    name: 'subdesk-copy-migrations',
    writeBundle(options) {
      const from = path.resolve('electron/db/migrations');
      const to = path.join(options.dir ?? `${OUT}/main`, 'migrations');
      fs.mkdirSync(to, { recursive: true });
      for (const f of fs.readdirSync(from)) if (f.endsWith('.sql')) fs.copyFileSync(path.join(from, f), path.join(to, f));
    },
  };
}

/** The strict CSP goes into the built page only; the dev server needs inline scripts for hot reload. */
function injectCsp(): Plugin {
  return {
    name: 'subdesk-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
    },
  };
}

// SUBDESK_OUT lets several builds live side by side (parallel work); the app and CI use ./out.
const OUT = process.env['SUBDESK_OUT'] ?? 'out';

export default defineConfig({
  main: {
    build: {
      outDir: `${OUT}/main`,
      externalizeDeps: true,
      rollupOptions: { input: { index: path.resolve('electron/shell/main.ts') } },
    },
    plugins: [copyMigrations()],
  },
  preload: {
    build: {
      outDir: `${OUT}/preload`,
      externalizeDeps: true,
      // A sandboxed preload must be CommonJS.
      rollupOptions: {
        input: { index: path.resolve('electron/shell/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    build: {
      outDir: path.resolve(`${OUT}/renderer`),
      // electron-vite leaves bundles unminified; the renderer's first screen waits for its script
      // to be parsed, so it is minified (the main process is not: its stack traces stay readable).
      minify: 'esbuild',
      rollupOptions: { input: path.resolve('renderer/index.html') },
    },
    plugins: [react(), injectCsp()],
  },
});
