/**
 * Where each area's services and handlers are built. The host calls `createAreas` once;
 * an area adds its service and its handlers here, and its channels to contract/index.ts.
 */
import type { Db } from './db/open';
import type { EventName, Events } from './contract';
import type { Handlers } from './handlers';
import type { Job } from './scheduler/scheduler';
import type { SettingsService } from './settings/service';
import { settingsHandlers } from './settings/handlers';
import { systemHandlers } from './system/handlers';

export interface AreaDeps {
  db: Db;
  dataDir: string;
  appVersion: string;
  settings: SettingsService;
  now: () => Date;
  /** Today in the business time zone, from the injected clock. */
  today: () => string;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /** Appends an audit entry as the system (scheduler) outside any channel. */
  auditSystem(channel: string, entity: string, entityId: string | number, before: unknown, after: unknown): void;
}

export interface Areas {
  handlers: Handlers;
  /** Jobs the scheduler runs (startup, hourly, midnight). */
  jobs: Job[];
  close(): void;
}

export function createAreas(deps: AreaDeps): Areas {
  const handlers: Handlers = {
    ...systemHandlers({ dataDir: deps.dataDir, appVersion: deps.appVersion, db: deps.db }),
    ...settingsHandlers(deps.settings),
  };
  return { handlers, jobs: [], close: () => undefined };
}
