import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Expense } from '../../../electron/contract';
import { addMonthsClamped, startOfMonth } from '../../../shared/dates';
import { errorText } from '../../app/errors';
import { DataTable, type Columns } from '../../components/DataTable';
import { DateInput } from '../../components/DateInput';
import { isIsoDate } from '../../components/dateText';
import { Field } from '../../components/Field';
import { Card, Page } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { saveExport } from '../reports/exportCsv';
import { CategoriesDialog } from './CategoriesDialog';
import { DeleteExpenseDialog, ExpenseDialog } from './ExpenseDialog';
import { useLabels } from './useLabels';

export function ExpensesScreen() {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['system', 'info'], queryFn: () => invoke('system.info', {}) });
  if (!info.data) return <Page title={t('expenses.title')}>{t('common.loading')}</Page>;
  return <Expenses today={info.data.today} />;
}

function Expenses({ today }: { today: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const labels = useLabels();
  const [from, setFrom] = useState(() => addMonthsClamped(startOfMonth(today), -2));
  const [to, setTo] = useState(today);
  const [categoryId, setCategoryId] = useState(0);
  const [includeDeleted, setIncludeDeleted] = useState(false);
  const [editing, setEditing] = useState<Expense | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Expense | null>(null);
  const [managing, setManaging] = useState(false);
  const valid = isIsoDate(from) && isIsoDate(to) && from <= to;
  const filter = { from, to, includeDeleted, ...(categoryId ? { categoryId } : {}) };
  const list = useQuery({ queryKey: ['expenses', filter], queryFn: () => invoke('expenses.list', filter), enabled: valid, placeholderData: (prev) => prev });
  const categories = useQuery({ queryKey: ['expenseCategories', 'all'], queryFn: () => invoke('expenseCategories.list', { includeInactive: true }) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['expenses'] }).then(() => qc.invalidateQueries({ queryKey: ['reports'] }));
  const exportList = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => invoke('exports.list', { list: 'expenses', from, to, format, locale: i18n.language === 'zh-CN' ? 'zh-CN' : 'en' }),
    onSuccess: (file) => {
      saveExport(file);
      toast.success(t('expenses.exported', { file: file.fileName }));
    },
    onError: (e) => toast.error(errorText(t, e)),
  });

  const { money, date } = f;
  const columns = useMemo<Columns<Expense>>(
    () => [
      { id: 'date', accessorKey: 'date', header: t('expenses.col.date'), meta: { width: '13%' }, cell: ({ row }) => date(row.original.date) },
      {
        id: 'category',
        accessorFn: (e) => labels.category({ nameEn: e.categoryNameEn, nameZh: e.categoryNameZh }),
        header: t('expenses.col.category'),
        meta: { width: '15%' },
        cell: ({ row: { original: e }, getValue }) => (
          <span className="cell-title">
            <span>{String(getValue())}</span>
            {e.deleted ? <StatusBadge tone="grey">{t('expenses.deletedBadge')}</StatusBadge> : null}
          </span>
        ),
      },
      { id: 'amount', accessorKey: 'amount', header: t('expenses.col.amount'), meta: { align: 'right', width: '13%' }, cell: ({ row }) => <span className="cell-strong">{money(row.original.amount)}</span> },
      { id: 'method', accessorFn: (e) => labels.method(e.method), header: t('expenses.col.method'), meta: { width: '13%', fit: true } },
      {
        id: 'note',
        accessorKey: 'note',
        header: t('expenses.col.note'),
        cell: ({ row: { original: e } }) => (
          <div className="cell-stack">
            <span>{e.note}</span>
            {e.deleted ? <span className="cell-sub">{t('expenses.deletedBy', { by: e.deleted.by, reason: e.deleted.reason })}</span> : null}
          </div>
        ),
      },
      { id: 'staff', accessorKey: 'staffName', header: t('expenses.col.staff'), meta: { width: '11%' } },
      {
        id: 'actions',
        header: '',
        enableSorting: false,
        meta: { align: 'right', width: '150px' },
        cell: ({ row: { original: e } }) =>
          e.deleted ? null : (
            <span className="row-actions">
              <button type="button" className="btn btn--small" data-channel="expenses.update" onClick={() => setEditing(e)}>
                {t('common.edit')}
              </button>
              <button type="button" className="btn btn--small" data-channel="expenses.delete" onClick={() => setDeleting(e)}>
                {t('expenses.delete')}
              </button>
            </span>
          ),
      },
    ],
    [t, money, date, labels],
  );

  return (
    <Page
      title={t('expenses.title')}
      subtitle={t('expenses.subtitle')}
      actions={
        <>
          <button type="button" className="btn" data-channel="expenseCategories.create" onClick={() => setManaging(true)}>
            {t('expenses.categories')}
          </button>
          <button type="button" className="btn" onClick={() => exportList.mutate('csv')} disabled={!valid || exportList.isPending}>
            {t('expenses.exportCsv')}
          </button>
          <button type="button" className="btn" onClick={() => exportList.mutate('xlsx')} disabled={!valid || exportList.isPending}>
            {t('expenses.exportXlsx')}
          </button>
          <button type="button" className="btn btn--primary" data-channel="expenses.create" onClick={() => setEditing('new')}>
            {t('expenses.add')}
          </button>
        </>
      }
    >
      <div className="report__toolbar">
        <Field label={t('expenses.field.from')}>{(id) => <DateInput id={id} value={from} onChange={setFrom} invalid={!isIsoDate(from)} />}</Field>
        <Field label={t('expenses.field.to')}>{(id) => <DateInput id={id} value={to} onChange={setTo} invalid={!valid} />}</Field>
        <Field label={t('expenses.field.category')}>
          {(id) => (
            <select id={id} value={categoryId} onChange={(e) => setCategoryId(Number(e.target.value))}>
              <option value={0}>{t('expenses.allCategories')}</option>
              {(categories.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {labels.category(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="check report__check">
          <input type="checkbox" checked={includeDeleted} onChange={(e) => setIncludeDeleted(e.target.checked)} />
          {t('expenses.showDeleted')}
        </label>
      </div>
      <Card className="card--table">
        <p className="card__lead expenses__total">
          <strong>{t('expenses.total', { amount: money(list.data?.amount ?? 0) })}</strong>
          <span className="muted"> · {t('expenses.count', { count: list.data?.rows.filter((r) => !r.deleted).length ?? 0 })}</span>
        </p>
        <DataTable
          label={t('expenses.title')}
          data={list.data?.rows ?? []}
          columns={columns}
          getRowId={(e) => String(e.id)}
          empty={t('expenses.empty')}
          loading={list.isLoading}
          rowClassName={(e) => (e.deleted ? 'row--muted' : undefined)}
        />
      </Card>
      {editing ? (
        <ExpenseDialog
          expense={editing === 'new' ? null : editing}
          today={today}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            toast.success(t('expenses.saved'));
            void refresh();
          }}
        />
      ) : null}
      {deleting ? (
        <DeleteExpenseDialog
          expense={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            toast.success(t('expenses.deleted'));
            void refresh();
          }}
        />
      ) : null}
      {managing ? <CategoriesDialog onClose={() => setManaging(false)} /> : null}
    </Page>
  );
}
