import type { systemChannels } from '../contract/system';
import { schemaVersion } from '../db/migrate';
import type { Db } from '../db/open';
import type { AreaHandlers } from '../handlers';

export function systemHandlers(deps: { dataDir: string; appVersion: string; db: Db }): AreaHandlers<keyof typeof systemChannels> {
  return {
    'system.info': (_input, ctx) => ({
      version: deps.appVersion,
      schemaVersion: schemaVersion(deps.db),
      dataDir: deps.dataDir,
      today: ctx.today(),
    }),
  };
}
