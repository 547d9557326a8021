/**
 * The call in progress, so a service built once (`createXService(env)`) audits with the acting
 * staff and channel of whichever call reached it. The host runs every handler inside
 * `inCall`; AsyncLocalStorage keeps calls apart across awaits.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditFn, ServiceEnv } from '../contract/env';
import type { Ctx } from '../contract/handler';

const scope = new AsyncLocalStorage<Ctx>();

export function inCall<T>(ctx: Ctx, work: () => T): T {
  return scope.run(ctx, work);
}

/**
 * The environment services get: audit and actor follow the call in progress; outside any call
 * (a scheduled job) the change is audited as the system through `auditSystem`.
 */
export function callEnv(base: Omit<ServiceEnv, 'audit' | 'actor'>, auditSystem: AuditFn): ServiceEnv {
  return {
    ...base,
    audit: (entity, entityId, before, after) => (scope.getStore()?.audit ?? auditSystem)(entity, entityId, before, after),
    actor: () => scope.getStore()?.staff ?? null,
    replayed: () => scope.getStore()?.replayed?.() ?? null,
  };
}
