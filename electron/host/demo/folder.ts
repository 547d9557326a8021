/**
 * "Explore with sample data": the sample business lives in its own data folder beside the real
 * one (`<data>-demo`, see marker.ts), built on first use by generateDemoBusiness through a host of
 * its own with a moving clock, from 24 months ago up to today. The real folder is never opened
 * while the sample one is built, and nothing of one is ever copied into the other.
 *
 * How main.ts switches (kept thin there): on the host's 'demo.openRequested' event it calls
 * `prepareDemoFolder(realDataDir, …)`, closes the host, creates a new host on the returned folder
 * and reloads the window; on 'demo.exitRequested' it does the same with the real folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { addMonthsClamped, todayInZone } from '../../../shared/dates';
import { createHost, type HostOptions } from '../host';
import { generateDemoBusiness } from './generate';
import { defaultSettings } from '../../ops/settings/service';
import { DEMO_MARKER, demoDirFor, isDemoFolder, readMarker, type DemoMarker } from './marker';
import type { DemoLocale } from './words';

export const DEMO_SIZE = { seed: 2026, months: 24, members: 120 };

/**
 * The sample business's folder, built if it is not there yet (a half-built one is thrown away and
 * built again). `options` are the host options of the app, without the data folder and clock.
 */
export async function prepareDemoFolder(
  realDataDir: string,
  options: Omit<HostOptions, 'dataDir' | 'now'> & { now?: () => Date },
  onProgress?: (done: number) => void,
  size: { seed: number; months: number; members: number } = DEMO_SIZE,
  locale?: DemoLocale,
): Promise<string> {
  const dir = demoDirFor(realDataDir);
  // The language the owner chose on this PC (else the PC's own): a sample built in another language is built again.
  const language: DemoLocale = locale ?? defaultSettings(options.osLocale).locale;
  if (isDemoFolder(dir) && (readMarker(dir)?.locale ?? 'zh-CN') === language) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const realNow = options.now ?? (() => new Date());
  const zone = options.osTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const start = addMonthsClamped(todayInZone(realNow(), zone), -size.months);
  let t = new Date(`${start}T12:00:00Z`);
  const clock = { now: () => new Date(t.getTime()), set: (iso: string) => void (t = new Date(iso)) };
  const host = await createHost({ ...options, dataDir: dir, now: clock.now, timers: false, idleLock: false });
  try {
    await generateDemoBusiness(host, clock, { ...size, locale: language, ...(onProgress ? { onProgress } : {}) });
  } finally {
    host.close();
  }
  const marker: DemoMarker = { ...size, builtAt: realNow().toISOString(), realDataDir, locale: language };
  fs.writeFileSync(path.join(dir, DEMO_MARKER), JSON.stringify(marker, null, 2));
  return dir;
}
