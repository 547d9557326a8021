import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldErrorText } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Banner } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { toast } from '../../components/Toast';
import { ApiError, invoke } from '../../lib/api';

/** The editable list of expense categories: add one, switch one off or on. */
export function CategoriesDialog(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['expenseCategories', 'all'], queryFn: () => invoke('expenseCategories.list', { includeInactive: true }) });
  const [names, setNames] = useState({ nameEn: '', nameZh: '' });
  const refresh = () => qc.invalidateQueries({ queryKey: ['expenseCategories'] });
  const add = useMutation({
    mutationFn: () => invoke('expenseCategories.create', names),
    onSuccess: () => {
      setNames({ nameEn: '', nameZh: '' });
      toast.success(t('expenses.cat.added'));
      void refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: (v: { id: number; active: boolean }) => invoke('expenseCategories.update', v),
    onSuccess: () => void refresh(),
    onError: (e) => toast.error(errorText(t, e)),
  });
  const server = add.error instanceof ApiError ? add.error.fieldErrors() : {};
  return (
    <Dialog title={t('expenses.cat.title')} size="large" onClose={props.onClose} onSubmit={() => add.mutate()} submitLabel={t('expenses.cat.add')} busy={add.isPending}>
      <p className="dialog__note">{t('expenses.cat.lead')}</p>
      <table className="table cat-table" aria-label={t('expenses.cat.title')}>
        <tbody>
          {(list.data ?? []).map((c) => (
            <tr key={c.id} className={c.active ? undefined : 'row--muted'}>
              <td>
                <span className="cell-strong">{c.nameZh}</span>
                {c.nameEn !== c.nameZh ? <span className="muted"> · {c.nameEn}</span> : null}
              </td>
              <td>{c.code ? <StatusBadge tone="blue">{t('expenses.cat.builtIn')}</StatusBadge> : null}</td>
              <td className="num">{t('expenses.cat.entries', { count: c.expenses })}</td>
              <td>{c.active ? <StatusBadge tone="green">{t('expenses.cat.active')}</StatusBadge> : <StatusBadge tone="grey">{t('expenses.cat.off')}</StatusBadge>}</td>
              <td className="num">
                <button type="button" className="btn btn--small" onClick={() => toggle.mutate({ id: c.id, active: !c.active })}>
                  {c.active ? t('expenses.cat.switchOff') : t('expenses.cat.switchOn')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="form-section__title cat-add">{t('expenses.cat.add')}</h3>
      {add.isError && !Object.keys(server).length ? <Banner kind="error">{errorText(t, add.error)}</Banner> : null}
      <div className="row">
        <Field label={t('expenses.cat.nameZh')} error={fieldErrorText(t, server['nameZh'])}>
          {(id, d) => <input id={id} aria-describedby={d} value={names.nameZh} onChange={(e) => setNames({ ...names, nameZh: e.target.value })} />}
        </Field>
        <Field label={t('expenses.cat.nameEn')} error={fieldErrorText(t, server['nameEn'])}>
          {(id, d) => <input id={id} aria-describedby={d} value={names.nameEn} onChange={(e) => setNames({ ...names, nameEn: e.target.value })} />}
        </Field>
      </div>
    </Dialog>
  );
}
