/** (2) The search box at the size seeded: Chinese name, pinyin initials, phone digits, card number. */
import type { Host } from '../../electron/host/host';
import type { SeedInfo } from './seed';
import { figure, time, type Figure } from './stats';

const RUNS = 200;

export async function benchSearch(
  host: Host,
  samples: SeedInfo['samples'],
  at: string,
): Promise<Figure[]> {
  const kinds: [string, string[]][] = [
    ['search: Chinese name', samples.names],
    ['search: pinyin initials', samples.initials],
    ['search: phone digits (last 4)', samples.phones],
    ['search: card number', samples.cards],
  ];
  const out: Figure[] = [];
  for (const [name, queries] of kinds) {
    let hits = 0;
    const ms = await time(async (i) => {
      hits += (
        await host.invoke('members.search', { query: queries[i % queries.length]!, limit: 20 })
      ).length;
    }, RUNS);
    out.push(
      figure(
        name,
        at,
        ms,
        10,
        `${queries.length} queries, ${(hits / (RUNS + 5)).toFixed(1)} hits avg`,
      ),
    );
  }
  return out;
}
