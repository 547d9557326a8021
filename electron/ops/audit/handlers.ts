import type { auditChannels } from '../../contract/audit';
import type { AreaHandlers } from '../../contract/handler';
import type { AuditService } from './query';

export function auditHandlers(audit: AuditService): AreaHandlers<keyof typeof auditChannels> {
  return {
    'audit.query': (input) => audit.query(input),
    'audit.verify': () => audit.verify(),
    'audit.facets': () => audit.facets(),
  };
}
