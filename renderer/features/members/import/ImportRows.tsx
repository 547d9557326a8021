import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportIssue, ImportRow } from '../../../../electron/contract';
import { IMPORT_SKIPPABLE, type ImportField } from '../../../../shared/lists';
import { DataTable, type Columns } from '../../../components/DataTable';
import { StatusBadge } from '../../../components/StatusBadge';
import { useFormat } from '../../../components/useFormat';

type T = ReturnType<typeof useTranslation>['t'];

export function issueText(t: T, i: ImportIssue): string {
  const field = i.field ? t(`members.import.field.${i.field}`) : '';
  return t(`members.import.issues.${i.code}`, { field, ...(i.params ?? {}) });
}

/** What the row brings besides the person: a membership with its next billing date, or a pack with its sessions left. */
function planSummary(t: T, money: (n: number) => string, r: ImportRow): string[] {
  const v = r.values;
  const parts =
    v.packSessions !== null || v.packExpiry !== null
      ? [v.packSessions !== null ? t('members.import.sessionsLeft', { count: v.packSessions }) : '', v.packExpiry ? t('members.import.validThrough', { date: v.packExpiry }) : '']
      : [v.nextBillDate ? t('members.import.nextOn', { date: v.nextBillDate }) : '', v.price !== null ? money(v.price) : ''];
  return parts.filter(Boolean);
}

function Issues(props: { r: ImportRow; onSkip: (row: number, field: ImportField) => void }) {
  const { t } = useTranslation();
  const { r } = props;
  if (r.existing) return <StatusBadge tone="grey">{t('members.import.alreadyHere', { name: r.existing.name })}</StatusBadge>;
  if (!r.errors.length && !r.warnings.length) return <StatusBadge tone="green">{t('members.import.ok')}</StatusBadge>;
  return (
    <div className="cell-stack issues">
      {r.errors.map((e, i) => (
        <span key={`e${i}`} className="text-danger import-issue">
          {issueText(t, e)}
          {e.field && IMPORT_SKIPPABLE.includes(e.field) ? (
            <button type="button" className="btn btn--small btn--ghost" onClick={() => props.onSkip(r.row, e.field!)}>
              {t('members.import.skipValue')}
            </button>
          ) : null}
        </span>
      ))}
      {r.warnings.map((w, i) => (
        <span key={`w${i}`} className="issue--warning">
          {issueText(t, w)}
        </span>
      ))}
    </div>
  );
}

export function ImportRows(props: { rows: ImportRow[]; skipped: Set<number>; onToggle: (row: number) => void; onSkip: (row: number, field: ImportField) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { skipped, onToggle, onSkip } = props;
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
            checked={!r.errors.length && !r.existing && !skipped.has(r.row)}
            disabled={r.errors.length > 0 || r.existing !== null}
            onChange={() => onToggle(r.row)}
          />
        ),
      },
      { id: 'line', accessorKey: 'line', header: t('members.import.col.line'), meta: { width: '56px', align: 'right' } },
      {
        id: 'name',
        accessorFn: (r) => r.values.name,
        header: t('members.import.field.name'),
        meta: { width: '12%' },
        cell: ({ row: { original: r } }) => <span className="cell-strong">{r.values.name || '—'}</span>,
      },
      { id: 'phone', accessorFn: (r) => r.values.phone, header: t('members.import.field.phone'), meta: { width: '13%' } },
      { id: 'card', accessorFn: (r) => r.values.cardNo ?? '', header: t('members.import.col.card'), meta: { width: '10%' } },
      {
        id: 'plan',
        accessorFn: (r) => r.values.planName ?? '',
        header: t('members.import.field.plan'),
        meta: { width: '24%' },
        cell: ({ row: { original: r } }) =>
          r.values.planName ? (
            <div className="cell-stack wrap">
              <span>{r.values.planName}</span>
              <span className="cell-sub">
                {planSummary(t, f.money, r).map((part, i) => (
                  // The break falls between the parts (after the dot), never inside a date.
                  <Fragment key={i}>
                    {i ? ' · ' : ''}
                    <span className="import-part">{part}</span>
                  </Fragment>
                ))}
              </span>
            </div>
          ) : (
            '—'
          ),
      },
      { id: 'issues', header: t('members.import.col.check'), enableSorting: false, cell: ({ row: { original: r } }) => <Issues r={r} onSkip={onSkip} /> },
    ],
    [t, f, skipped, onToggle, onSkip],
  );
  return (
    <DataTable
      label={t('members.import.rowsLabel')}
      data={props.rows}
      columns={columns}
      getRowId={(r) => String(r.row)}
      rowHeight={64}
      maxHeight="calc(100vh - 360px)"
      rowClassName={(r) => (r.errors.length ? 'row--error' : r.existing || skipped.has(r.row) ? 'row--muted' : undefined)}
    />
  );
}
