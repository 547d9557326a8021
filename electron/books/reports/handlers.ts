import type { reportChannels } from '../../contract/reports';
import type { AreaHandlers } from '../../contract/handler';
import type { ReportsService } from './service';

export function reportHandlers(reports: ReportsService): AreaHandlers<keyof typeof reportChannels> {
  return {
    'reports.mrr': (input) => reports.mrr(input.from, input.to),
    'reports.revenue': (input) => reports.revenue(input.from, input.to),
    'reports.cashflow': (input) => reports.cashflow(input.from, input.to),
    'reports.breakdown': (input) => reports.breakdown(input.from, input.to, input.by),
    'reports.attendance': (input) => reports.attendance(input.from, input.to),
    'reports.aging': () => reports.aging(),
    'reports.forecast': () => reports.forecast(),
    'reports.dashboard': () => reports.dashboard(),
  };
}
