/**
 * The one environment every service is built with: `createXService(env)`. Declared once here;
 * the handlers' `Ctx` is a `ServiceEnv` plus the call's channel, staff and events, and the
 * billing engine's `BillingEnv` is the part without the audit trail.
 */
import type { Db } from '../db/open';
import type { SettingsReader, StaffRef } from './handler';

/** The injected clock: every "today" comes from here, never from `new Date()` in a service. */
export interface Clock {
  /** The injected clock's instant. */
  now(): Date;
  /** Today's calendar date in the business time zone. */
  today(): string;
}

/** Records one audited change (in a call: with its staff and channel, inside its transaction). */
export type AuditFn = (entity: string, entityId: string | number, before: unknown, after: unknown) => void;

/** Data, business settings and time: what the pure-reading parts of a service need. */
export interface DataEnv extends Clock {
  db: Db;
  settings: SettingsReader;
}

export interface ServiceEnv extends DataEnv {
  /** Audits against the call in progress (the host knows it); outside any call, as the system. */
  audit: AuditFn;
  /** Who is acting in the call in progress; null for the system (a scheduled run). */
  actor(): StaffRef | null;
  /**
   * The call in progress is a check-in a connected desk kept in its queue while the main desk was
   * unreachable: the desk and when it was made at its door. Null for every other call.
   */
  replayed?(): ReplayedCall | null;
}

export interface ReplayedCall {
  device: string;
  /** UTC ISO instant the clerk made it at the connected desk. */
  madeAt: string;
}
