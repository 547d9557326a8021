#!/usr/bin/env node
/**
 * Regenerates the app icons in build/ from build/icon.svg: icon.png (512), icons/NxN.png for
 * Linux, icon.ico (Windows, PNG-compressed entries) and icon.icns (macOS, PNG entries).
 * The generated files are committed: CI and `npm run dist` never run this. It needs
 * `rsvg-convert` (Debian: librsvg2-bin) to draw the SVG; the .ico and .icns containers are
 * written here, so no other tool is needed.
 *
 *   node scripts/icons.mjs
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const BUILD = path.resolve('build');
const SVG = path.join(BUILD, 'icon.svg');
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];
/** icns entry types that hold a PNG, by pixel size (the @2x types reuse the larger bitmaps). */
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

function render(size) {
  return execFileSync('rsvg-convert', ['--width', String(size), '--height', String(size), '--format', 'png', SVG], { maxBuffer: 64 << 20 });
}

/** ICO: a directory of entries, each a whole PNG file (Windows Vista and later read these). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** ICNS: 'icns' + total length, then (type, length incl. 8-byte header, PNG) entries; big-endian. */
function icns(entries) {
  const parts = entries.map(([type, png]) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([h, png]);
  });
  const body = Buffer.concat(parts);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([h, body]);
}

const cache = new Map();
const png = (size) => {
  if (!cache.has(size)) cache.set(size, render(size));
  return cache.get(size);
};

fs.writeFileSync(path.join(BUILD, 'icon.png'), png(512));
fs.mkdirSync(path.join(BUILD, 'icons'), { recursive: true });
for (const size of LINUX_SIZES) fs.writeFileSync(path.join(BUILD, 'icons', `${size}x${size}.png`), png(size));
fs.writeFileSync(path.join(BUILD, 'icon.ico'), ico(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
fs.writeFileSync(path.join(BUILD, 'icon.icns'), icns(ICNS_TYPES.map(([type, size]) => [type, png(size)])));
console.log(`icons written to ${BUILD}`);
