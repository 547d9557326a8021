import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCommitResult, ImportPreview, ImportRow } from '../../../../electron/contract';
import { IMPORT_FIELDS, type ImportField } from '../../../../shared/lists';
import { errorText } from '../../../app/errors';
import { Banner, Card, Page } from '../../../components/Page';
import { Segmented } from '../../../components/Segmented';
import { toast } from '../../../components/Toast';
import { invoke } from '../../../lib/api';
import { saveExport } from '../../reports/exportCsv';
import { ImportRows } from './ImportRows';
import { PlanValuesCard, type PlanChoice } from './PlanValuesCard';
import './import.css';

type Mapping = Record<ImportField, number | null>;
type RowStatus = 'all' | 'new' | 'warnings' | 'errors' | 'existing';
const STATUSES: RowStatus[] = ['all', 'new', 'warnings', 'errors', 'existing'];
type Skip = { row: number; field: ImportField };

/** The file's bytes as base64: the file itself never leaves the page, only its content. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The clerk's choices about one file; a new file (or the same one chosen again) starts them afresh. */
interface Choices {
  hasHeader: boolean;
  mapping: Mapping | null;
  planMap: PlanChoice[];
  skipValues: Skip[];
}
const FRESH: Choices = { hasHeader: true, mapping: null, planMap: [], skipValues: [] };

/**
 * Import members from a CSV or Excel (.xlsx) file: pick it, check the columns, say which plan each
 * plan name of the file means, check every row (leaving out a bad optional value where wanted),
 * untick what should not come in, then import. Nothing is written before the Import button.
 */
export function ImportScreen(props: { onBack: () => void; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<{ name: string; content: string; read: number } | null>(null);
  const [choices, setChoices] = useState<Choices>(FRESH);
  const [skipped, setSkipped] = useState<Set<number>>(new Set());
  const [done, setDone] = useState<ImportCommitResult | null>(null);
  const [view, setView] = useState<{ status: RowStatus; offset: number }>({ status: 'all', offset: 0 });
  const source = file
    ? { content: file.content, hasHeader: choices.hasHeader, planMap: choices.planMap, skipValues: choices.skipValues, ...(choices.mapping ? { mapping: choices.mapping } : {}) }
    : null;

  const preview = useQuery({
    // `read` tells apart two readings of the same bytes: choosing the file again reads it again.
    queryKey: ['import', 'preview', file?.read, source],
    queryFn: () => invoke('members.importPreview', source!),
    enabled: source !== null,
    retry: false,
    gcTime: 0,
    placeholderData: keepPreviousData,
  });
  const data = file ? preview.data : undefined;
  // Only rows that can come in can be unticked, so every unticked row is one fewer to import.
  const accepted = data ? data.counts.valid - skipped.size : 0;

  const commit = useMutation({
    // The rows of this preview, as checked, less the unticked ones (rows already here are reported as skipped).
    mutationFn: () => invoke('members.importCommit', { token: data!.token, skip: [...skipped] }),
    onSuccess: (r) => {
      toast.success(t('members.import.done', { count: r.created }));
      void qc.invalidateQueries({ queryKey: ['members'] });
      setDone(r);
    },
  });

  async function choose(input: HTMLInputElement) {
    const f = input.files?.[0];
    // Emptied so that choosing the same (corrected) file again fires a change and is read again.
    input.value = '';
    if (!f) return;
    const content = await readBase64(f);
    setDone(null);
    // A corrected file keeps the plan names it had: the clerk's plan choices stay; rows and columns may have moved.
    setChoices((c) => ({ ...FRESH, hasHeader: c.hasHeader, planMap: c.planMap }));
    setSkipped(new Set());
    setView({ status: 'all', offset: 0 });
    commit.reset();
    setFile((prev) => ({ name: f.name, content, read: (prev?.read ?? 0) + 1 }));
  }

  const toggle = useCallback(
    (row: number) =>
      setSkipped((s) => {
        const next = new Set(s);
        if (next.has(row)) next.delete(row);
        else next.add(row);
        return next;
      }),
    [],
  );
  const skipValue = useCallback((row: number, field: ImportField) => setChoices((c) => ({ ...c, skipValues: [...c.skipValues, { row, field }] })), []);
  const choosePlan = (choice: PlanChoice) => setChoices((c) => ({ ...c, planMap: [...c.planMap.filter((p) => p.value !== choice.value), choice] }));

  return (
    <Page
      title={t('members.import.title')}
      subtitle={t('members.import.subtitle')}
      actions={
        <button type="button" className="btn" onClick={props.onBack}>
          ← {t('members.backToList')}
        </button>
      }
    >
      <FileCard
        fileName={file?.name ?? null}
        hasHeader={choices.hasHeader}
        onHeader={(hasHeader) => setChoices({ ...FRESH, hasHeader })}
        onChoose={(input) => void choose(input)}
      />
      {preview.isError && file ? <Banner kind="error">{errorText(t, preview.error)}</Banner> : null}
      {done ? <DoneBanner done={done} onOpen={props.onOpen} /> : null}
      {data && !done ? (
        <>
          <MappingCard data={data} onChange={(mapping) => setChoices((c) => ({ ...c, mapping }))} />
          <PlanValuesCard data={data} onChoose={choosePlan} />
          <Card title={t('members.import.step3')} className="card--table">
            <div className="toolbar">
              <span>
                {t('members.import.encoding', { encoding: t(`members.import.encodingKind.${data.encoding}`) })} ·{' '}
                {t('members.import.counts', { total: data.counts.total, valid: data.counts.valid, invalid: data.counts.invalid })}
                {data.counts.existing ? ` · ${t('members.import.existingCount', { count: data.counts.existing })}` : ''}
              </span>
              <button type="button" className="btn btn--primary" disabled={accepted <= 0 || commit.isPending || preview.isFetching} onClick={() => commit.mutate()}>
                {t('members.import.commit', { count: accepted })}
              </button>
            </div>
            {commit.isError ? <Banner kind="error">{errorText(t, commit.error)}</Banner> : null}
            <PagedRows data={data} view={view} onView={setView}>
              {(rows) => <ImportRows rows={rows} skipped={skipped} onToggle={toggle} onSkip={skipValue} />}
            </PagedRows>
          </Card>
        </>
      ) : null}
    </Page>
  );
}

function FileCard(props: { fileName: string | null; hasHeader: boolean; onHeader: (v: boolean) => void; onChoose: (input: HTMLInputElement) => void }) {
  const { t, i18n } = useTranslation();
  const template = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => invoke('members.importTemplate', { format, locale: i18n.language === 'zh-CN' ? 'zh-CN' : 'en' }),
    onSuccess: (f) => saveExport(f),
    onError: (e) => toast.error(errorText(t, e)),
  });
  return (
    <Card title={t('members.import.step1')}>
      <p className="card__lead muted">{t('members.import.formats')}</p>
      <div className="toolbar toolbar--start import-file">
        <label className="btn btn--primary file-button">
          {t('members.import.chooseFile')}
          <input
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="sr-only"
            aria-label={t('members.import.chooseFile')}
            onChange={(e) => props.onChoose(e.currentTarget)}
          />
        </label>
        <span className="toolbar__meta">{props.fileName ?? t('members.import.noFile')}</span>
        <label className="check">
          <input type="checkbox" checked={props.hasHeader} onChange={(e) => props.onHeader(e.target.checked)} />
          {t('members.import.hasHeader')}
        </label>
        <span className="import-file__template">
          {t('members.import.template')}
          <button type="button" className="btn btn--small" disabled={template.isPending} onClick={() => template.mutate('xlsx')}>
            {t('members.import.templateXlsx')}
          </button>
          <button type="button" className="btn btn--small" disabled={template.isPending} onClick={() => template.mutate('csv')}>
            {t('members.import.templateCsv')}
          </button>
        </span>
      </div>
    </Card>
  );
}

function DoneBanner(props: { done: ImportCommitResult; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const { done } = props;
  const first = done.memberIds[0] ?? null;
  const sentences = [
    t('members.import.result', { count: done.created, subscriptions: done.subscriptions }),
    done.packs ? t('members.import.resultPacks', { count: done.packs }) : '',
    done.alreadyHere.length ? t('members.import.resultExisting', { count: done.alreadyHere.length, lines: done.alreadyHere.join(', ') }) : '',
  ];
  return (
    <Banner kind="success">
      {sentences.filter(Boolean).reduce((first, next) => t('members.import.sentences', { first, next }))}{' '}
      {first ? (
        <button type="button" className="btn btn--small" onClick={() => props.onOpen(first)}>
          {t('members.import.openFirst')}
        </button>
      ) : null}
    </Banner>
  );
}

function MappingCard(props: { data: ImportPreview; onChange: (m: Mapping) => void }) {
  const { t } = useTranslation();
  const { mapping, headers } = props.data;
  return (
    <Card title={t('members.import.step2')}>
      <p className="card__lead muted">{t('members.import.mappingHint')}</p>
      <div className="mapping">
        {IMPORT_FIELDS.map((field) => (
          <label key={field} className="mapping__item">
            <span className="field__label">
              {t(`members.import.field.${field}`)}
              {field === 'name' ? ' *' : ''}
            </span>
            <select
              value={mapping[field] ?? ''}
              onChange={(e) => props.onChange({ ...mapping, [field]: e.target.value === '' ? null : Number(e.target.value) })}
            >
              <option value="">{t('members.import.notImported')}</option>
              {headers.map((h, i) => (
                <option key={i} value={i}>
                  {h || `#${i + 1}`}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
    </Card>
  );
}

/** How many rows of the preview have each status ("ready" counts the rows with warnings too). */
function totalOf(data: ImportPreview, status: RowStatus): number {
  const c = data.counts;
  return { all: c.total, new: c.valid, warnings: c.withWarnings, errors: c.invalid, existing: c.existing }[status];
}

/**
 * The preview's rows a page at a time (the host keeps them all): the first page came with the preview,
 * the others are asked for by the preview's token; a status shows only those rows.
 */
function PagedRows(props: {
  data: ImportPreview;
  view: { status: RowStatus; offset: number };
  onView: (v: { status: RowStatus; offset: number }) => void;
  children: (rows: ImportRow[]) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const { data } = props;
  const size = data.pageSize;
  const total = totalOf(data, props.view.status);
  // A new check of the same file (a value left out) can have fewer rows of a status: stay on a page that exists.
  const offset = Math.min(props.view.offset, Math.max(0, Math.floor((total - 1) / size) * size));
  const first = props.view.status === 'all' && offset === 0;
  const page = useQuery({
    queryKey: ['import', 'rows', data.token, props.view.status, offset],
    queryFn: () => invoke('members.importRows', { token: data.token, status: props.view.status, offset, limit: size }),
    enabled: !first,
    retry: false,
    gcTime: 0,
    placeholderData: keepPreviousData,
  });
  const rows = first ? data.rows : (page.data?.rows ?? []);
  const fields = Object.entries(data.errorsByField).map(([field, count]) => t('members.import.fieldCount', { field: t(`members.import.field.${field}`), count }));
  const go = (to: number) => props.onView({ status: props.view.status, offset: to });
  return (
    <>
      <div className="toolbar">
        <Segmented
          label={t('members.import.show')}
          value={props.view.status}
          options={STATUSES.filter((s) => s === 'all' || totalOf(data, s) > 0).map((s) => ({ value: s, label: t(`members.import.status.${s}`, { count: totalOf(data, s) }) }))}
          onChange={(status) => props.onView({ status, offset: 0 })}
        />
        {fields.length ? <span className="toolbar__meta">{t('members.import.errorsByField', { list: fields.join(' · ') })}</span> : null}
      </div>
      {page.isError ? <Banner kind="error">{errorText(t, page.error)}</Banner> : null}
      {props.children(rows)}
      {total > size ? (
        <div className="toolbar">
          <span className="toolbar__meta">{t('members.import.pageRows', { from: offset + 1, to: Math.min(offset + size, total), total })}</span>
          <span>
            <button type="button" className="btn btn--small" disabled={offset === 0} onClick={() => go(Math.max(0, offset - size))}>
              {t('members.import.previousPage')}
            </button>{' '}
            <button type="button" className="btn btn--small" disabled={offset + size >= total} onClick={() => go(offset + size)}>
              {t('members.import.nextPage')}
            </button>
          </span>
        </div>
      ) : null}
    </>
  );
}
