/**
 * Pulling the plug on the billing run itself (the other half of the kill suite is kill.test.ts):
 * children (child.ts) run the billing straight over 5,000 subscriptions and are SIGKILLed between
 * and inside its commits. Delays come from one printed seed:
 * `SUBDESK_SEED=<seed> npx vitest run test/integration/crash` replays a failing run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates';
import { runBilling } from '../../../electron/money/billing-run/run';
import { openDatabase } from '../../../electron/db/open';
import { WIDE_CATCH_UP } from '../billing/support';
import { cachedSettings } from '../../support/cached-settings';
import { createSettingsService } from '../../../electron/ops/settings/service';
import { makeHost } from '../../support/host';
import { checkConsistent, checkExactlyOnce, invoiceCount, RUN_SUBSCRIPTIONS, seedRunData } from './billing-run-data';
import { childPool, delayStream, killDir, suiteSeed } from './harness';

const SEED = suiteSeed();
const random = (stream: number) => delayStream(SEED, stream);
const dir = killDir;
const RUN_KILLS = 20;

beforeAll(() => {
  console.log(`kill suite (run) seed ${SEED} — replay with SUBDESK_SEED=${SEED} npx vitest run test/integration/crash`);
});

// The run straight over the database, killed between and inside its commits. Children use
// small batches (1, 5 or 25 units), so many commits fall inside a run and kills land between
// and inside them. After every kill the database is consistent (each unit is atomic, units
// commit in batches) and a rerun leaves every due period invoiced exactly once, numbers gapless
// and chronological, and no invoice without lines.
describe('crash safety of the billing run', () => {
  it(`survives ${RUN_KILLS}+ SIGKILLs at random moments over ${RUN_SUBSCRIPTIONS} subscriptions`, async () => {
    const dataDir = dir('subdesk-crash-');
    const th = await makeHost({ startDate: '2026-01-01', setup: true, dataDir });
    // 5,000 renewals in one run would wait for the owner (the catch-up guard); this suite is about kills.
    await th.host.invoke('settings.update', WIDE_CATCH_UP);
    seedRunData(th.host.db);
    th.close();
    const children = childPool();
    const delay = random(3);
    let kills = 0;
    let midRun = 0;
    let asOf = '2026-01-01';
    try {
      for (let cycle = 0; kills < RUN_KILLS && cycle < 3 * RUN_KILLS; cycle++) {
        asOf = addDays(asOf, 2);
        const before = invoiceCount(dataDir);
        const outcome = await children.next().run({ dataDir, scenario: 'run', start: asOf, batchUnits: [1, 5, 25][cycle % 3]! }, Math.floor(delay() * 500));
        if (!outcome.killed && outcome.code !== 0) throw new Error(`child failed (${outcome.code}): ${outcome.error}`);
        if (outcome.killed) kills++;
        const db = openDatabase(path.join(dataDir, 'subdesk.sqlite'));
        try {
          checkConsistent(db);
          const atKill = invoiceCount(dataDir);
          const env = { db, settings: cachedSettings(createSettingsService({ dataDir, osTimeZone: 'Asia/Shanghai', db })), now: () => new Date(`${asOf}T01:00:00Z`), today: () => asOf };
          const rerun = runBilling(env, 'manual', asOf, () => undefined);
          expect(rerun.errors).toEqual([]);
          checkConsistent(db);
          checkExactlyOnce(db, asOf);
          // Killed after some units committed and before the last: the interesting case.
          if (outcome.killed && atKill > before && invoiceCount(dataDir) > atKill) midRun++;
          expect(runBilling(env, 'manual', asOf, () => undefined).invoicesCreated).toBe(0);
        } finally {
          db.close();
        }
      }
      expect(kills).toBeGreaterThanOrEqual(RUN_KILLS);
      expect(midRun).toBeGreaterThanOrEqual(5);
    } finally {
      await children.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 900_000);
});
