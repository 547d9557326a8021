/**
 * Finding the main desk on the local network with mDNS/DNS-SD (bonjour-service): a sharing main
 * desk announces itself; a new PC looks for a moment. A network that blocks multicast finds
 * nothing, and the owner types the address shown on the main desk instead.
 */
import { Bonjour } from 'bonjour-service';
import type { FoundMainDesk } from '../contract/site';
import { SERVICE_TYPE } from './protocol';

/** Announces this main desk until the returned function is called. */
export function announce(name: string, port: number): () => void {
  const bonjour = new Bonjour();
  try {
    bonjour.publish({ name: `${name} (Subdesk)`.slice(0, 60), type: SERVICE_TYPE, port });
  } catch {
    // No multicast here: desks type the address.
  }
  return () => bonjour.unpublishAll(() => bonjour.destroy());
}

/** Main desks that answer within `ms`. */
export function findMainDesks(ms: number): Promise<FoundMainDesk[]> {
  return new Promise((resolve) => {
    const bonjour = new Bonjour();
    const found = new Map<string, FoundMainDesk>();
    const browser = bonjour.find({ type: SERVICE_TYPE }, (svc) => {
      const address = (svc.addresses ?? []).find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)) ?? svc.referer?.address;
      if (address) found.set(`${address}:${svc.port}`, { name: svc.name.replace(/ \(Subdesk\)$/, ''), address, port: svc.port });
    });
    setTimeout(() => {
      browser.stop();
      bonjour.destroy();
      resolve([...found.values()].sort((a, b) => a.name.localeCompare(b.name)));
    }, ms);
  });
}
