import type { Channel, EventName, Events, Output, Parsed } from './index';
import type { ServiceEnv } from './env';
import type { Settings } from './settings';

export interface StaffRef {
  id: number;
  name: string;
  role: 'desk' | 'manager' | 'owner';
}

/**
 * What every handler gets: the service environment (db, settings, clock, audit, actor) plus the
 * call's channel, the acting staff and events.
 */
export interface Ctx extends ServiceEnv {
  channel: string;
  staff: StaffRef | null;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
}

export type Handler<K extends Channel> = (input: Parsed<K>, ctx: Ctx) => Output<K> | Promise<Output<K>>;
export type Handlers = { [K in Channel]: Handler<K> };
/** The handlers of one area: `AreaHandlers<keyof typeof areaChannels>`. */
export type AreaHandlers<K extends Channel> = { [P in K]: Handler<P> };

/** What a handler may read of the business settings (changes go through the settings area). */
export interface SettingsReader {
  get(): Settings;
}

export type JobTrigger = 'startup' | 'hourly' | 'midnight';

/** Work an area hands the host's scheduler (the billing run, late fees): when it runs and what it does. */
export interface Job {
  name: string;
  triggers: JobTrigger[];
  run(): void | Promise<void>;
}
