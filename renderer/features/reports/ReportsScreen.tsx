import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, ListKind, ReportKind } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { DateInput } from '../../components/DateInput';
import { isIsoDate } from '../../components/dateText';
import { Field } from '../../components/Field';
import { Card, Page } from '../../components/Page';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { saveExport } from './exportCsv';
import { ArpuView, ChurnView, MembersView, MrrView } from './GrowthViews';
import { AgingView, BreakdownView, CashflowView, RevenueView } from './MoneyViews';
import { AttendanceView, ForecastView } from './OtherViews';
import { ChurnReasonsView, ClassFillView, FollowUpsView, RenewalRateView, TeachersView } from './ClassViews';
import { FOLLOW_UP_WINDOW_DAYS, RENEWAL_GRACE_DAYS } from '../../../shared/report-labels';
import { PRESETS, presetOf, presetRange, type Preset, type Range } from './range';

const GROUPS: { key: 'growth' | 'money' | 'other' | 'classes'; kinds: ReportKind[] }[] = [
  { key: 'growth', kinds: ['mrr', 'members', 'churn', 'arpu'] },
  { key: 'money', kinds: ['revenue', 'cashflow', 'aging', 'byPlan', 'byMethod'] },
  { key: 'other', kinds: ['attendance', 'forecast'] },
  { key: 'classes', kinds: ['classFill', 'teachers', 'renewalRate', 'churnReasons', 'followUps'] },
];

/** Reports that do not depend on the dates (a snapshot today, or the next 12 months). */
const UNDATED: ReportKind[] = ['aging', 'forecast'];

export function ReportsScreen() {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['system.info'], queryFn: () => invoke('system.info', {}) });
  if (!info.data) return <Page title={t('reports.title')}>{t('common.loading')}</Page>;
  return <Reports today={info.data.today} />;
}

function Reports({ today }: { today: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [kind, setKind] = useState<ReportKind>('mrr');
  const [draft, setDraft] = useState<Range>(() => presetRange('last12', today));
  const valid = isIsoDate(draft.from) && isIsoDate(draft.to) && draft.from <= draft.to;
  const [range, setRange] = useState<Range>(draft);
  const preset = presetOf(range, today);
  const dated = !UNDATED.includes(kind);

  function setDates(next: Range) {
    setDraft(next);
    if (isIsoDate(next.from) && isIsoDate(next.to) && next.from <= next.to) setRange(next);
  }

  const locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const exportReport = useMutation({
    mutationFn: (format: ExportFormat) => invoke('exports.report', { report: kind, ...range, locale, format }),
    onSuccess: (file) => {
      saveExport(file);
      toast.success(t('reports.exported', { file: file.fileName }));
    },
    onError: (e) => toast.error(errorText(t, e)),
  });
  const busy = exportReport.isPending || !valid;

  return (
    <Page
      title={t('reports.title')}
      subtitle={t('reports.subtitle')}
      actions={
        <>
          <button type="button" className="btn" onClick={() => exportReport.mutate('csv')} disabled={busy}>
            {exportReport.isPending && exportReport.variables === 'csv' ? t('reports.exporting') : t('reports.export')}
          </button>
          <button type="button" className="btn" onClick={() => exportReport.mutate('xlsx')} disabled={busy}>
            {exportReport.isPending && exportReport.variables === 'xlsx' ? t('reports.exporting') : t('reports.exportXlsx')}
          </button>
        </>
      }
    >
      <div className="report__toolbar">
        <Field label={t('reports.report')}>
          {(id) => (
            <select id={id} className="report__picker" value={kind} onChange={(e) => setKind(e.target.value as ReportKind)}>
              {GROUPS.map((g) => (
                <optgroup key={g.key} label={t(`reports.groups.${g.key}`)}>
                  {g.kinds.map((k) => (
                    <option key={k} value={k}>
                      {t(`reports.kinds.${k}`)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        {dated ? (
          <>
            <Field label={t('reports.range.label')}>
              {(id) => (
                <select id={id} value={preset} onChange={(e) => e.target.value !== 'custom' && setDates(presetRange(e.target.value as Preset, today))}>
                  {PRESETS.map((p) => (
                    <option key={p} value={p}>
                      {t(`reports.range.presets.${p}`)}
                    </option>
                  ))}
                  {preset === 'custom' ? <option value="custom">{`${f.date(range.from)} – ${f.date(range.to)}`}</option> : null}
                </select>
              )}
            </Field>
            <Field label={t('reports.range.from')} error={isIsoDate(draft.from) ? undefined : t('validation.invalid_date')}>
              {(id, d) => <DateInput id={id} describedBy={d} value={draft.from} max={today} onChange={(from) => setDates({ ...draft, from })} invalid={!isIsoDate(draft.from)} />}
            </Field>
            <Field
              label={t('reports.range.to')}
              error={!isIsoDate(draft.to) ? t('validation.invalid_date') : draft.from > draft.to && isIsoDate(draft.from) ? t('validation.date_range') : undefined}
            >
              {(id, d) => <DateInput id={id} describedBy={d} value={draft.to} onChange={(to) => setDates({ ...draft, to })} invalid={!valid} />}
            </Field>
          </>
        ) : null}
      </div>
      <Card className="report">
        <h2 className="card__title">{t(`reports.kinds.${kind}`)}</h2>
        <p className="report__meaning" data-testid="report-meaning">{t(`reports.meaning.${kind}`)}</p>
        <details className="report__about">
          <summary>{t('reports.howCounted')}</summary>
          <p className="muted">{t(`reports.about.${kind}`, { grace: RENEWAL_GRACE_DAYS, days: FOLLOW_UP_WINDOW_DAYS })}</p>
        </details>
        <ReportView kind={kind} range={range} />
      </Card>
      <RecordsExport range={range} locale={locale} />
    </Page>
  );
}

const LISTS: ListKind[] = ['members', 'invoices', 'payments', 'refunds', 'expenses'];

/** The raw records behind the reports, for an accountant or a spreadsheet: CSV or Excel. */
function RecordsExport({ range, locale }: { range: Range; locale: 'en' | 'zh-CN' }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [list, setList] = useState<ListKind>('invoices');
  const save = useMutation({
    // Members are every member today; the other lists are the records dated in the range.
    mutationFn: (format: ExportFormat) => invoke('exports.list', { list, ...(list === 'members' ? {} : range), locale, format }),
    onSuccess: (file) => {
      saveExport(file);
      toast.success(t('reports.exported', { file: file.fileName }));
    },
    onError: (e) => toast.error(errorText(t, e)),
  });
  return (
    <Card className="report-records">
      <h2 className="card__title">{t('reports.records.title')}</h2>
      <p className="card__lead muted">
        {list === 'members' ? t('reports.records.allMembers') : t('reports.records.lead', { from: f.date(range.from), to: f.date(range.to) })}
      </p>
      <div className="report__toolbar">
        <Field label={t('reports.records.list')}>
          {(id) => (
            <select id={id} value={list} onChange={(e) => setList(e.target.value as ListKind)}>
              {LISTS.map((k) => (
                <option key={k} value={k}>
                  {t(`reports.records.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="report-records__actions">
          <button type="button" className="btn" onClick={() => save.mutate('csv')} disabled={save.isPending}>
            {t('reports.export')}
          </button>
          <button type="button" className="btn" onClick={() => save.mutate('xlsx')} disabled={save.isPending}>
            {t('reports.exportXlsx')}
          </button>
        </div>
      </div>
    </Card>
  );
}

function ReportView({ kind, range }: { kind: ReportKind; range: Range }) {
  switch (kind) {
    case 'mrr':
      return <MrrView range={range} />;
    case 'members':
      return <MembersView range={range} />;
    case 'churn':
      return <ChurnView range={range} />;
    case 'arpu':
      return <ArpuView range={range} />;
    case 'revenue':
      return <RevenueView range={range} />;
    case 'cashflow':
      return <CashflowView range={range} />;
    case 'aging':
      return <AgingView />;
    case 'byPlan':
      return <BreakdownView range={range} by="plan" />;
    case 'byMethod':
      return <BreakdownView range={range} by="method" />;
    case 'attendance':
      return <AttendanceView range={range} />;
    case 'forecast':
      return <ForecastView />;
    case 'classFill':
      return <ClassFillView range={range} />;
    case 'teachers':
      return <TeachersView range={range} />;
    case 'renewalRate':
      return <RenewalRateView range={range} />;
    case 'churnReasons':
      return <ChurnReasonsView range={range} />;
    case 'followUps':
      return <FollowUpsView range={range} />;
  }
}
