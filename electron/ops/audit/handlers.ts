import type { auditChannels } from '../../contract/audit';
import type { AreaHandlers } from '../../contract/handler';
import { auditFacets, queryAudit, verifyChain } from './query';

export function auditHandlers(): AreaHandlers<keyof typeof auditChannels> {
  return {
    'audit.query': (input, ctx) => queryAudit(ctx.db, input, ctx.settings.get().timeZone),
    'audit.verify': (_input, ctx) => verifyChain(ctx.db),
    'audit.facets': (_input, ctx) => auditFacets(ctx.db),
  };
}
