/**
 * Each report view as a table (header + rows, a totals row where it adds up), then as CSV.
 * The renderer shows the same columns; the values come from the same report channels.
 */
import type { ReportKind } from '../../contract/exports';
import type { BreakdownReport, ClassFillFigures, FollowUpFigures, RenewalRateFigures, TeacherFigures } from '../../contract/reports';
import type { ReportsService } from '../reports/service';
import type { ClassReports } from '../reports/class-reports';
import { RENEWAL_OUTCOMES } from '../../contract/followup';
import { hoursOf } from '../../../shared/report-labels';
import type { Cell } from './csv';
import type { Labels } from './labels';

export interface Table {
  header: string[];
  rows: Cell[][];
}

export function reportTable(
  kind: ReportKind,
  reports: ReportsService,
  classes: ClassReports,
  range: { from: string; to: string },
  l: Labels,
  currency: string,
): Table {
  const m = (minor: number | null): Cell => (minor === null ? '' : { money: minor, currency });
  const p = (bp: number | null): Cell => (bp === null ? '' : { percent: bp });
  const when = [l.month, l.from, l.to];
  const at = (r: { month: string; start: string; end: string }) => [r.month, r.start, r.end];
  switch (kind) {
    case 'mrr': {
      const r = reports.mrr(range.from, range.to);
      const t = r.totals;
      return {
        header: [...when, l.startMrr, l.new, l.expansion, l.discountEnded, l.reactivation, l.resumed, l.contraction, l.paused, l.churned, l.netNew, l.endMrr],
        rows: [...r.rows, { ...t, month: l.total, start: r.from, end: r.to }].map((x) => [
          x.month, x.start, x.end,
          ...[x.startMrr, x.new, x.expansion, x.discountEnded, x.reactivation, x.resumed, x.contraction, x.paused, x.churned, x.netNew, x.endMrr].map(m),
        ]),
      };
    }
    case 'members': {
      const r = reports.mrr(range.from, range.to);
      const t = r.totals;
      return {
        header: [...when, l.customersStart, l.newCustomers, l.reactivatedCustomers, l.lostCustomers, l.customersEnd, l.payingEnd],
        rows: [
          ...r.rows.map((x) => [...at(x), x.customersStart, x.newCustomers, x.reactivatedCustomers, x.lostCustomers, x.customersEnd, x.payingEnd]),
          [l.total, r.from, r.to, t.customersStart, t.newCustomers, t.reactivatedCustomers, t.lostCustomers, t.customersEnd, ''],
        ],
      };
    }
    case 'churn': {
      const r = reports.mrr(range.from, range.to);
      const t = r.totals;
      return {
        header: [...when, l.customerChurn, l.grossRevenueChurn, l.netRevenueChurn, l.nrr],
        rows: [
          ...r.rows.map((x) => [...at(x), p(x.customerChurnBp), p(x.grossRevenueChurnBp), p(x.netRevenueChurnBp), p(x.nrrBp)]),
          [l.total, r.from, r.to, p(t.customerChurnBp), p(t.grossRevenueChurnBp), p(t.netRevenueChurnBp), p(t.nrrBp)],
        ],
      };
    }
    case 'arpu': {
      const r = reports.mrr(range.from, range.to);
      return {
        header: [...when, l.endMrr, l.payingEnd, l.arpu, l.ltv, l.customerChurn],
        rows: r.rows.map((x) => [...at(x), m(x.endMrr), x.payingEnd, m(x.arpu), m(x.ltv), p(x.customerChurnBp)]),
      };
    }
    case 'revenue': {
      const r = reports.revenue(range.from, range.to);
      const t = r.totals;
      return {
        header: [...when, l.invoiced, l.credited, l.tax, l.recognised, l.bonusUsed, l.netRevenue, l.deferredEnd, l.collected, l.refunded, l.netCollected],
        rows: [
          ...r.rows.map((x) => [
            ...at(x),
            m(x.invoiced),
            m(x.credited),
            m(x.tax),
            m(x.recognised),
            m(x.bonusUsed),
            m(x.netRevenue),
            m(x.deferredEnd),
            m(x.collected),
            m(x.refunded),
            m(x.netCollected),
          ]),
          [l.total, r.from, r.to, m(t.invoiced), m(t.credited), m(t.tax), m(t.recognised), m(t.bonusUsed), m(t.netRevenue), m(t.deferredEnd), m(t.collected), m(t.refunded), m(t.netCollected)],
        ],
      };
    }
    case 'cashflow': {
      const r = reports.cashflow(range.from, range.to);
      const t = r.totals;
      return {
        header: [...when, l.collected, l.refunded, l.expenses, l.net, l.running],
        rows: [
          ...r.rows.map((x) => [...at(x), m(x.collected), m(x.refunded), m(x.expenses), m(x.net), m(x.running)]),
          [l.total, r.from, r.to, m(t.collected), m(t.refunded), m(t.expenses), m(t.net), ''],
        ],
      };
    }
    case 'aging': {
      const r = reports.aging();
      const t = r.totals;
      return {
        header: [l.payer, l.phone, l.invoices, l.oldestDue, l.current, l.d1_30, l.d31_60, l.d61_90, l.d90plus, l.total],
        rows: [
          ...r.rows.map((x) => [x.payerName, x.phone, x.invoices, x.oldestDueDate, m(x.current), m(x.d1_30), m(x.d31_60), m(x.d61_90), m(x.d90plus), m(x.total)]),
          [l.total, '', r.rows.reduce((s, x) => s + x.invoices, 0), '', m(t.current), m(t.d1_30), m(t.d31_60), m(t.d61_90), m(t.d90plus), m(t.total)],
        ],
      };
    }
    case 'byPlan':
    case 'byMethod': {
      const r = reports.breakdown(range.from, range.to, kind === 'byPlan' ? 'plan' : 'method');
      const names = r.keys.map((k) => breakdownLabel(r, k.key, k.name, l));
      return {
        header: [...when, ...names, l.total],
        rows: [
          ...r.rows.map((x) => [...at(x), ...r.keys.map((k) => m(x.values[k.key] ?? 0)), m(x.total)]),
          [l.total, r.from, r.to, ...r.keys.map((k) => m(r.totals.values[k.key] ?? 0)), m(r.totals.total)],
        ],
      };
    }
    case 'attendance': {
      const r = reports.attendance(range.from, range.to);
      const hours = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);
      return {
        header: [l.weekday, ...hours, l.total],
        rows: [
          ...r.grid.map((row, d) => [l.weekdays[d]!, ...row, r.byWeekday[d]!]),
          [l.total, ...r.byHour, r.total],
        ],
      };
    }
    case 'forecast': {
      const r = reports.forecast();
      return {
        header: [l.month, l.forecastInvoices, l.forecastTotal, l.withChurn],
        rows: [...r.rows.map((x) => [x.month, x.invoices, m(x.total), m(x.withChurn)]), [l.total, r.totals.invoices, m(r.totals.total), m(r.totals.withChurn)]],
      };
    }
    case 'classFill': {
      const r = classes.classFill(range.from, range.to);
      const figures = (x: ClassFillFigures): Cell[] => [x.sessions, x.places, x.taken, p(x.fillBp), x.attended, x.noShows, x.lateCancels];
      return {
        header: [l.groupedBy, `${l.classType} / ${l.timeSlot}`, l.sessionsHeld, l.places, l.taken, l.fill, l.attended, l.noShows, l.lateCancels],
        rows: [
          ...r.byType.map((x) => [l.classType, x.name, ...figures(x)]),
          ...r.bySlot.map((x) => [l.timeSlot, `${l.weekdays[x.weekday]!} ${x.startTime}`, ...figures(x)]),
          [l.total, '', ...figures(r.totals)],
        ],
      };
    }
    case 'teachers': {
      const r = classes.teachers(range.from, range.to);
      const name = (x: { teacherId: number | null; name: string }) => (x.teacherId === null ? l.noTeacher : x.name);
      const figures = (x: TeacherFigures): Cell[] => [x.sessions, x.minutes, hoursOf(x.minutes), x.attended, x.noShows];
      return {
        header: [l.teacher, ...when, l.sessionsHeld, l.minutes, l.hours, l.attended, l.noShows],
        rows: [
          ...r.teachers.flatMap((t) => [
            ...r.months.filter((x) => x.teacherId === t.teacherId).map((x) => [name(x), ...at(x), ...figures(x)]),
            [name(t), l.total, r.from, r.to, ...figures(t)],
          ]),
          [l.total, '', r.from, r.to, ...figures(r.totals)],
        ],
      };
    }
    case 'renewalRate': {
      const r = classes.renewalRate(range.from, range.to);
      const figures = (x: RenewalRateFigures): Cell[] => [x.ended, x.renewed, x.pending, x.lost, p(x.rateBp)];
      return {
        header: [...when, l.ended, l.renewedMembers, l.pending, l.notRenewed, l.renewalRate],
        rows: [...r.rows.map((x) => [...at(x), ...figures(x)]), [l.total, r.from, r.to, ...figures(r.totals)]],
      };
    }
    case 'churnReasons': {
      const r = classes.churnReasons(range.from, range.to);
      return {
        header: [l.cancelReason, l.cancellations, l.share],
        rows: [...r.rows.map((x) => [x.reason ?? l.noReason, x.cancellations, p(x.shareBp)]), [l.total, r.total, r.total ? p(10_000) : '']],
      };
    }
    case 'followUps': {
      const r = classes.followUps(range.from, range.to);
      const figures = (x: FollowUpFigures): Cell[] => [x.items, ...RENEWAL_OUTCOMES.map((o) => x.outcomes[o]), x.renewed, p(x.renewedBp)];
      return {
        header: [l.groupedBy, `${l.followUpRule} / ${l.staffName}`, l.items, ...RENEWAL_OUTCOMES.map((o) => l.outcomes[o]), l.ledToRenewal, l.ledToRenewalRate],
        rows: [
          ...r.byReason.map((x) => [l.followUpRule, l.followUpReasons[x.reason] ?? x.reason, ...figures(x)]),
          ...r.byStaff.map((x) => [l.staffName, x.staffName || l.nobody, ...figures(x)]),
          [l.total, '', ...figures(r.totals)],
        ],
      };
    }
  }
}


/** A breakdown column's header: a plan's or custom method's own name, else the translated key. */
export function breakdownLabel(r: Pick<BreakdownReport, 'by'>, key: string, name: string, l: Labels): string {
  if (name) return name;
  if (r.by === 'method') return l.methods[key] ?? key;
  return key === 'addons' ? l.addons : key === 'late_fees' ? l.late_fees : l.other;
}
