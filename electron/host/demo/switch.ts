/**
 * The data-folder switch for "explore with sample data", for main.ts: it listens to the host's
 * demo events and, when asked, closes the host and opens one on the other folder (building the
 * sample business on first use). main.ts only keeps the new host and reloads the window.
 */
import { createHost, type Host, type HostOptions } from '../host';
import { prepareDemoFolder } from './folder';
import { readMarker } from './marker';

export function watchDemo(
  first: Host,
  options: Omit<HostOptions, 'dataDir'>,
  opened: (host: Host) => void,
  size?: Parameters<typeof prepareDemoFolder>[3],
): void {
  let busy = false;
  const watch = (host: Host) => {
    const swap = async (toDemo: boolean) => {
      if (busy) return;
      busy = true;
      try {
        const realDir = toDemo ? host.dataDir : (readMarker(host.dataDir)?.realDataDir ?? host.dataDir);
        const dir = toDemo ? await prepareDemoFolder(realDir, options, undefined, size, host.settings.get().locale) : realDir;
        host.close();
        const next = await createHost({ ...options, dataDir: dir });
        watch(next);
        opened(next);
      } finally {
        busy = false;
      }
    };
    host.on('demo.openRequested', () => void swap(true).catch((e) => console.error('[demo] could not open the sample data:', e)));
    host.on('demo.exitRequested', () => void swap(false).catch((e) => console.error('[demo] could not go back to the real data:', e)));
  };
  watch(first);
}
