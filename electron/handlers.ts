import type { Channel, EventName, Events, Output, Parsed } from './contract';
import type { ServiceEnv } from './env';

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
