import type { Channel, EventName, Events, Output, Parsed } from './contract';
import type { Db } from './db/open';
import type { SettingsService } from './settings/service';

export interface StaffRef {
  id: number;
  name: string;
  role: 'desk' | 'manager' | 'owner';
}

/** What every handler gets: the database, the clock, settings, the acting staff, audit and events. */
export interface Ctx {
  db: Db;
  channel: string;
  staff: StaffRef | null;
  settings: SettingsService;
  /** The injected clock's instant. */
  now(): Date;
  /** Today's calendar date in the business time zone. */
  today(): string;
  /** Records one audited change, inside the action's transaction. */
  audit(entity: string, entityId: string | number, before: unknown, after: unknown): void;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
}

export type Handler<K extends Channel> = (input: Parsed<K>, ctx: Ctx) => Output<K> | Promise<Output<K>>;
export type Handlers = { [K in Channel]: Handler<K> };
/** The handlers of one area: `AreaHandlers<keyof typeof areaChannels>`. */
export type AreaHandlers<K extends Channel> = { [P in K]: Handler<P> };
