// Prepares an Electron-ABI copy of better-sqlite3's native module in .cache/electron-native/<electron version>/,
// leaving node_modules' Node build for the tests (one native build cannot serve both ABIs).
// Runs before `npm start`/`npm run dev`; does nothing when the copy already exists.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const root = path.resolve('.cache', 'electron-native', electronVersion);
const target = path.join(root, 'better_sqlite3.node');

if (fs.existsSync(target)) process.exit(0);

const work = path.join(root, 'work');
const moduleDir = path.join(work, 'node_modules', 'better-sqlite3');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(path.dirname(moduleDir), { recursive: true });
fs.cpSync(path.resolve('node_modules', 'better-sqlite3'), moduleDir, {
  recursive: true,
  filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
});
fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({
    name: 'subdesk-native',
    private: true,
    dependencies: { 'better-sqlite3': require('better-sqlite3/package.json').version },
  }));

const built = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
console.log(`[subdesk] preparing better-sqlite3 for Electron ${electronVersion} (once per Electron version)…`);
try {
  // A prebuilt binary when one exists for this Electron ABI (fast, no compiler needed).
  execFileSync(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch], {
    cwd: moduleDir,
    stdio: 'inherit',
  });
} catch {
  console.log('[subdesk] no prebuilt binary; compiling with @electron/rebuild (needs a C++ toolchain)…');
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true, arch: process.arch });
}
if (!fs.existsSync(built)) {
  console.error('[subdesk] could not build better-sqlite3 for Electron; see the README (Building on a PC).');
  process.exit(1);
}
fs.copyFileSync(built, target);
fs.rmSync(work, { recursive: true, force: true });
console.log(`[subdesk] ready: ${target}`);
