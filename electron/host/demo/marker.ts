/** The file that marks a data folder as the sample business (never a real one). */
import fs from 'node:fs';
import path from 'node:path';
import type { DemoLocale } from './words';

export const DEMO_MARKER = 'subdesk-demo.json';

/** The sample business lives beside the real data folder, never inside it: `<data>-demo`. */
export function demoDirFor(realDataDir: string): string {
  return `${realDataDir.replace(/[\\/]+$/, '')}-demo`;
}

export function isDemoFolder(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, DEMO_MARKER));
}

export interface DemoMarker {
  seed: number;
  months: number;
  members: number;
  /** UTC instant the sample business was built. */
  builtAt: string;
  /** The real data folder to go back to. */
  realDataDir: string;
  /** The language it was built in (absent in folders built before it was recorded: those were Chinese). */
  locale?: DemoLocale;
}

export function readMarker(dataDir: string): DemoMarker | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, DEMO_MARKER), 'utf8')) as DemoMarker;
  } catch {
    return null;
  }
}
