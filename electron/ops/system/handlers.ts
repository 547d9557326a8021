import type { systemChannels } from '../../contract/system';
import { schemaVersion } from '../../db/migrate';
import type { Db } from '../../db/open';
import { runtimeVersions, type Diagnostics, type ShellVersions } from '../diagnostics/export';
import type { DiagnosticsLog } from '../diagnostics/log';
import type { AreaHandlers } from '../../contract/handler';

export interface SystemDeps {
  dataDir: string;
  appVersion: string;
  db: Db;
  /** Support's tools (host level: they outlive a restore). */
  diagnostics: { log: DiagnosticsLog; versions: ShellVersions; service: Diagnostics };
}

export function systemHandlers(deps: SystemDeps): AreaHandlers<keyof typeof systemChannels> {
  return {
    'system.info': (_input, ctx) => ({
      version: deps.appVersion,
      schemaVersion: schemaVersion(deps.db),
      dataDir: deps.dataDir,
      today: ctx.today(),
      runtime: runtimeVersions(deps.db, deps.diagnostics.versions),
    }),
    'system.logError': (input) => {
      deps.diagnostics.log.rendererError(input);
      return { logged: true };
    },
    'system.exportDiagnostics': (_input, ctx) => deps.diagnostics.service.exportPicked(ctx.db),
  };
}
