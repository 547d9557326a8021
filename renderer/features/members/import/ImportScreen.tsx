import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportIssue, ImportPreview, ImportRow } from '../../../../electron/contract';
import { IMPORT_FIELDS, type ImportField } from '../../../../shared/lists';
import { errorText } from '../../../app/errors';
import { DataTable, type Columns } from '../../../components/DataTable';
import { Banner, Card, Page } from '../../../components/Page';
import { StatusBadge } from '../../../components/StatusBadge';
import { toast } from '../../../components/Toast';
import { useFormat } from '../../../components/useFormat';
import { invoke } from '../../../lib/api';

type Mapping = Record<ImportField, number | null>;

/** The file's bytes as base64: the file itself never leaves the page, only its content. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * Import members from a CSV (or Excel "Save as CSV") file: pick it, check the column
 * mapping and every row, untick what should not come in, then import. Nothing is written
 * before the Import button.
 */
export function ImportScreen(props: { onBack: () => void; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [hasHeader, setHasHeader] = useState(true);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [skipped, setSkipped] = useState<Set<number>>(new Set());
  const [done, setDone] = useState<{ created: number; subscriptions: number; first: number | null } | null>(null);

  const preview = useQuery({
    queryKey: ['import', 'preview', file?.content, hasHeader, mapping],
    queryFn: () => invoke('members.importPreview', { content: file!.content, hasHeader, ...(mapping ? { mapping } : {}) }),
    enabled: file !== null,
    retry: false,
    gcTime: 0,
  });
  const data = preview.data;
  const accepted = useMemo(() => (data?.rows ?? []).filter((r) => !r.errors.length && !skipped.has(r.row)).map((r) => r.row), [data, skipped]);

  const commit = useMutation({
    mutationFn: () => invoke('members.importCommit', { content: file!.content, hasHeader, mapping: data!.mapping, rows: accepted }),
    onSuccess: (r) => {
      toast.success(t('members.import.done', { count: r.created }));
      void qc.invalidateQueries({ queryKey: ['members'] });
      setDone({ created: r.created, subscriptions: r.subscriptions, first: r.memberIds[0] ?? null });
    },
  });

  async function choose(f: File | undefined) {
    if (!f) return;
    setDone(null);
    setMapping(null);
    setSkipped(new Set());
    setFile({ name: f.name, content: await readBase64(f) });
  }

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
      <Card title={t('members.import.step1')}>
        <p className="card__lead muted">{t('members.import.formats')}</p>
        <div className="toolbar toolbar--start">
          <label className="btn btn--primary file-button">
            {t('members.import.chooseFile')}
            <input type="file" accept=".csv,.txt,text/csv" className="sr-only" aria-label={t('members.import.chooseFile')} onChange={(e) => void choose(e.target.files?.[0])} />
          </label>
          <span className="toolbar__meta">{file ? file.name : t('members.import.noFile')}</span>
          <label className="check">
            <input type="checkbox" checked={hasHeader} onChange={(e) => setHasHeader(e.target.checked)} />
            {t('members.import.hasHeader')}
          </label>
        </div>
      </Card>
      {preview.isError ? <Banner kind="error">{errorText(t, preview.error)}</Banner> : null}
      {done ? (
        <Banner kind="success">
          {t('members.import.result', { count: done.created, subscriptions: done.subscriptions })}{' '}
          {done.first ? (
            <button type="button" className="btn btn--small" onClick={() => props.onOpen(done.first!)}>
              {t('members.import.openFirst')}
            </button>
          ) : null}
        </Banner>
      ) : null}
      {data && !done ? (
        <>
          <MappingCard data={data} onChange={(m) => setMapping(m)} />
          <Card title={t('members.import.step3')} className="card--table">
            <div className="toolbar">
              <span>
                {t('members.import.encoding', { encoding: t(`members.import.encodingKind.${data.encoding}`) })} ·{' '}
                {t('members.import.counts', { total: data.counts.total, valid: data.counts.valid, invalid: data.counts.invalid })}
              </span>
              <button type="button" className="btn btn--primary" disabled={!accepted.length || commit.isPending} onClick={() => commit.mutate()}>
                {t('members.import.commit', { count: accepted.length })}
              </button>
            </div>
            {commit.isError ? <Banner kind="error">{errorText(t, commit.error)}</Banner> : null}
            <RowsTable
              rows={data.rows}
              skipped={skipped}
              onToggle={(row) =>
                setSkipped((s) => {
                  const next = new Set(s);
                  if (next.has(row)) next.delete(row);
                  else next.add(row);
                  return next;
                })
              }
            />
          </Card>
        </>
      ) : null}
    </Page>
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

export function issueText(t: ReturnType<typeof useTranslation>['t'], i: ImportIssue): string {
  const field = i.field ? t(`members.import.field.${i.field}`) : '';
  return t(`members.import.issues.${i.code}`, { field, ...(i.params ?? {}) });
}

function RowsTable(props: { rows: ImportRow[]; skipped: Set<number>; onToggle: (row: number) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { skipped, onToggle } = props;
  const columns = useMemo<Columns<ImportRow>>(
    () => [
      {
        id: 'take',
        header: () => <span className="sr-only">{t('members.import.col.take')}</span>,
        enableSorting: false,
        meta: { width: '44px' },
        cell: ({ row: { original: r } }) => (
          <input
            type="checkbox"
            aria-label={t('members.import.takeRow', { row: r.line })}
            checked={!r.errors.length && !skipped.has(r.row)}
            disabled={r.errors.length > 0}
            onChange={() => onToggle(r.row)}
          />
        ),
      },
      { id: 'line', accessorKey: 'line', header: t('members.import.col.line'), meta: { width: '64px', align: 'right' } },
      {
        id: 'name',
        accessorFn: (r) => r.values.name,
        header: t('members.import.field.name'),
        meta: { width: '14%' },
        cell: ({ row: { original: r } }) => <span className="cell-strong">{r.values.name || '—'}</span>,
      },
      { id: 'phone', accessorFn: (r) => r.values.phone, header: t('members.import.field.phone'), meta: { width: '13%' } },
      { id: 'card', accessorFn: (r) => r.values.cardNo ?? '', header: t('members.import.field.cardNo'), meta: { width: '10%' } },
      {
        id: 'plan',
        accessorFn: (r) => r.values.planName ?? '',
        header: t('members.import.field.plan'),
        meta: { width: '22%' },
        cell: ({ row: { original: r } }) =>
          r.values.planName ? (
            <div className="cell-stack wrap">
              <span>{r.values.planName}</span>
              <span className="cell-sub">
                {[r.values.nextBillDate ? t('members.import.nextOn', { date: r.values.nextBillDate }) : '', r.values.price !== null ? f.money(r.values.price) : '']
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </div>
          ) : (
            '—'
          ),
      },
      {
        id: 'issues',
        header: t('members.import.col.check'),
        enableSorting: false,
        cell: ({ row: { original: r } }) =>
          r.errors.length ? (
            <div className="cell-stack issues">
              {r.errors.map((e, i) => (
                <span key={i} className="text-danger">
                  {issueText(t, e)}
                </span>
              ))}
            </div>
          ) : r.warnings.length ? (
            <div className="cell-stack issues">
              {r.warnings.map((w, i) => (
                <span key={i} className="issue--warning">
                  {issueText(t, w)}
                </span>
              ))}
            </div>
          ) : (
            <StatusBadge tone="green">{t('members.import.ok')}</StatusBadge>
          ),
      },
    ],
    [t, f, skipped, onToggle],
  );
  return (
    <DataTable
      label={t('members.import.rowsLabel')}
      data={props.rows}
      columns={columns}
      getRowId={(r) => String(r.row)}
      rowHeight={56}
      maxHeight="calc(100vh - 420px)"
      rowClassName={(r) => (r.errors.length ? 'row--error' : skipped.has(r.row) ? 'row--muted' : undefined)}
    />
  );
}
