/**
 * The contract: every IPC channel's name, zod input schema and output type.
 * The single source of truth for main, preload, renderer and tests.
 * The renderer imports from here with `import type` only.
 */
import type { z } from 'zod';
import type { BillingRun } from './billing-types';
import type { ChannelDef } from './define';
import { planChannels } from './plans';
import { memberChannels } from './members';
import { subscriptionChannels } from './subscriptions';
import { billingChannels, invoiceChannels } from './invoices';
import { settingsChannels } from './settings';
import { systemChannels } from './system';
import { auditChannels } from './audit';
import { backupChannels } from './backup';
import { authChannels, staffChannels } from './staff';
import { deskChannels } from './desk';
import { paymentChannels } from './payments';
import { followUpChannels, renewalChannels } from './followup';
import { closeoutChannels } from './closeout';
import { documentChannels } from './documents';
import { expenseChannels } from './expenses';
import { classReportChannels, gettingStartedChannels, reportChannels } from './reports';
import { exportChannels } from './exports';
import { demoChannels } from './demo';
import { familyChannels } from './family';
import { checkoutChannels } from './checkout';
import { promotionChannels } from './promotions';
import { classChannels } from './classes';
import { appChannels } from './app';
import { siteChannels } from './site';

// Each area's channels join this map together with their handlers (electron/host/host/areas.ts).
export const channels = {
  ...systemChannels,
  ...settingsChannels,
  ...planChannels,
  ...memberChannels,
  ...subscriptionChannels,
  ...invoiceChannels,
  ...billingChannels,
  ...authChannels,
  ...staffChannels,
  ...auditChannels,
  ...backupChannels,
  ...deskChannels,
  ...paymentChannels,
  ...followUpChannels,
  ...closeoutChannels,
  ...documentChannels,
  ...expenseChannels,
  ...reportChannels,
  ...exportChannels,
  ...demoChannels,
  ...familyChannels,
  ...checkoutChannels,
  ...promotionChannels,
  ...classChannels,
  ...gettingStartedChannels,
  ...renewalChannels,
  ...classReportChannels,
  ...appChannels,
  ...siteChannels,
};

export type Channels = typeof channels;
export type Channel = keyof Channels;
/** What a caller may pass (before zod defaults and transforms). */
export type Input<K extends Channel> = z.input<Channels[K]['input']>;
/** What a handler receives (after zod parsing). */
export type Parsed<K extends Channel> = z.output<Channels[K]['input']>;
export type Output<K extends Channel> = Channels[K] extends ChannelDef<z.ZodType, infer O> ? O : never;

/** Push events from main to renderer, with their payloads. */
export interface Events {
  /** Any business or PC setting changed (an update, the language, a restore): the screens read them again. */
  'settings.changed': { locale: string };
  /** A billing run finished (scheduled or on demand). */
  'billing.runCompleted': BillingRun;
  /** The set-up asked for the sample business; main.ts opens it (electron/host/demo/folder.ts). */
  'demo.openRequested': Record<string, never>;
  /** The sample business asked to go back to the real data. */
  'demo.exitRequested': Record<string, never>;
  /**
   * A change was saved (a check-in, a payment, any changing call but a sign-in): screens on the
   * other desks of the site refresh. `deviceId`: the connected desk it came from (null: the main desk);
   * `here`: made at the PC whose window gets the event (that screen has refreshed already).
   */
  'data.changed': { channel: string; deviceId: number | null; here: boolean };
}
export type EventName = keyof Events;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

export * from '../../shared/errors';
export type { Settings, Locale } from './settings';
export type { AppInfo } from './system';
export type * from './billing-types';
export type * from './desk-types';
export type * from './staff';
export type * from './audit';
export type * from './backup';
export type * from './expenses';
export type * from './reports';
export type * from './exports';
export type * from './demo';
export type * from './family';
export type * from './checkout';
export type * from './promotions';
export type * from './classes';
export type { StartState, StartScreen } from './app';
export type * from './site';
