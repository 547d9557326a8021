import type { DataEnv } from '../../contract/env';

export type { AuditFn } from '../../contract/env';

/** What the billing services need: the database, settings and the injected clock (electron/contract/env.ts). */
export type BillingEnv = DataEnv;
