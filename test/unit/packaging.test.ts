/**
 * The installer cannot be built here (electron-builder downloads Electron), so its configuration
 * is checked the way electron-builder checks it: package.json `build` against the JSON schema
 * app-builder-lib ships, with the same validator (ajv) and options. Every file it points at must
 * exist, and the icons must have the sizes each platform needs (read from the files' own headers).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

interface BuildConfig {
  directories: { buildResources: string };
  win: { icon: string };
  nsis: Record<string, unknown> & { installerIcon: string; uninstallerIcon: string };
  mac: { icon: string };
  linux: { icon: string; desktop: { entry: Record<string, string> } };
}

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { build: BuildConfig };
const build = pkg.build;
const schema = JSON.parse(fs.readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8')) as object;

// electron-builder's own options (app-builder-lib/out/util/config/schemaValidator.js), without type coercion.
const check = new Ajv({ allErrors: true, strict: false }).compile(schema);

function validate(config: unknown): string[] {
  return check(structuredClone(config)) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** Width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
function pngSize(bytes: Buffer): [number, number] {
  if (!bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) || bytes.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** The ICO directory: each entry's stated size and the size of the PNG it holds. */
function icoEntries(bytes: Buffer): { stated: number; png: [number, number] }[] {
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: bytes.readUInt16LE(4) }, (_, i) => {
    const at = 6 + 16 * i;
    const [size, offset] = [bytes.readUInt32LE(at + 8), bytes.readUInt32LE(at + 12)];
    return { stated: bytes.readUInt8(at) || 256, png: pngSize(bytes.subarray(offset, offset + size)) };
  });
}

/** The ICNS entries: type and the size of the PNG each holds. */
function icnsEntries(bytes: Buffer): Record<string, [number, number]> {
  expect(bytes.toString('ascii', 0, 4)).toBe('icns');
  expect(bytes.readUInt32BE(4)).toBe(bytes.length);
  const out: Record<string, [number, number]> = {};
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at + 4);
    out[bytes.toString('ascii', at, at + 4)] = pngSize(bytes.subarray(at + 8, at + length));
    at += length;
  }
  return out;
}

describe('electron-builder configuration', () => {
  it('matches the schema electron-builder ships', () => {
    expect(validate(build)).toEqual([]);
  });

  it('is checked for real: a misspelt key or a wrong type is caught', () => {
    expect(validate({ ...build, win: { ...build.win, icno: 'build/icon.ico' } })).toContain('/win must NOT have additional properties');
    expect(validate({ ...build, nsis: { ...build.nsis, multiLanguageInstaller: 'yes' } })).toContain('/nsis/multiLanguageInstaller must be boolean');
  });

  it('points only at files that exist in build/', () => {
    expect(build.directories.buildResources).toBe('build');
    const files = [build.win.icon, build.nsis.installerIcon, build.nsis.uninstallerIcon, build.mac.icon, 'build/icon.png'];
    for (const f of files) expect([f, fs.statSync(f, { throwIfNoEntry: false })?.isFile()]).toEqual([f, true]);
    expect(fs.statSync(build.linux.icon).isDirectory()).toBe(true);
    // The source of every icon and the script that draws them from it.
    expect(fs.existsSync('build/icon.svg') && fs.existsSync('scripts/icons.mjs')).toBe(true);
  });

  it('installs in Simplified Chinese or English, chosen from the Windows language', () => {
    expect(build.nsis).toMatchObject({ multiLanguageInstaller: true, installerLanguages: ['zh_CN', 'en_US'], oneClick: false, perMachine: false });
  });

  it('gives Linux a desktop entry in both languages', () => {
    expect(build.linux.desktop.entry).toMatchObject({
      Name: 'Subdesk',
      Comment: 'Offline subscription manager for gyms and tutoring centres',
      'Comment[zh_CN]': '健身房与培训机构的离线会员订阅管理',
      'GenericName[zh_CN]': '会员订阅管理',
    });
  });
});

describe('icons', () => {
  it('has the 512 and 256 PNGs, and every Linux icon is the size its name says', () => {
    expect(pngSize(fs.readFileSync('build/icon.png'))).toEqual([512, 512]);
    const names = fs.readdirSync(build.linux.icon).sort();
    expect(names).toEqual(expect.arrayContaining(['256x256.png', '512x512.png']));
    for (const name of names) {
      const n = Number(/^(\d+)x\1\.png$/.exec(name)?.[1]);
      expect([name, pngSize(fs.readFileSync(path.join(build.linux.icon, name)))]).toEqual([name, [n, n]]);
    }
  });

  it('has a Windows .ico with 16 to 256 pixel images, each PNG the size its entry states', () => {
    const entries = icoEntries(fs.readFileSync(build.win.icon));
    expect(entries.map((e) => e.stated)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const e of entries) expect(e.png).toEqual([e.stated, e.stated]);
  });

  it('has a macOS .icns with 16 to 1024 pixel images, retina types included', () => {
    expect(icnsEntries(fs.readFileSync(build.mac.icon))).toEqual({
      icp4: [16, 16],
      icp5: [32, 32],
      icp6: [64, 64],
      ic07: [128, 128],
      ic08: [256, 256],
      ic09: [512, 512],
      ic10: [1024, 1024],
      ic11: [32, 32],
      ic12: [64, 64],
      ic13: [256, 256],
      ic14: [512, 512],
    });
  });
});
