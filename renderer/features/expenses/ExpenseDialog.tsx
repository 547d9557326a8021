import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Expense } from '../../../electron/contract';
import { errorText, fieldErrorText } from '../../app/errors';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { MoneyInput } from '../../components/MoneyInput';
import { minorToText, textToMinor } from '../../components/moneyText';
import { Banner } from '../../components/Page';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';
import { useLabels } from './useLabels';

/** Add (expense = null) or edit an expense. */
export function ExpenseDialog(props: { expense: Expense | null; today: string; onClose: () => void; onSaved: (e: Expense) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const labels = useLabels();
  const e = props.expense;
  const categories = useQuery({ queryKey: ['expenseCategories', 'all'], queryFn: () => invoke('expenseCategories.list', { includeInactive: true }) });
  const [draft, setDraft] = useState(() => ({
    date: e?.date ?? props.today,
    amount: e ? minorToText(e.amount, f.currency) : '',
    categoryId: e?.categoryId ?? 0,
    method: e?.method ?? 'bank_transfer',
    note: e?.note ?? '',
  }));
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (input: { date: string; amount: number; categoryId: number; method: string; note: string }) =>
      e ? invoke('expenses.update', { id: e.id, ...input }) : invoke('expenses.create', input),
    onSuccess: props.onSaved,
  });
  const server = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const err = (k: string) => fieldErrorText(t, local[k] ?? server[k]);
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  // A switched-off category stays selectable only for the entry that already has it.
  const choices = (categories.data ?? []).filter((c) => c.active || c.id === e?.categoryId);
  const categoryId = draft.categoryId || choices[0]?.id || 0;
  const methods = labels.methods.filter((m) => m.active || m.code === e?.method);

  function submit() {
    const amount = textToMinor(draft.amount, f.currency);
    const problems: Record<string, string> = {};
    if (amount === null || amount <= 0) problems['amount'] = 'invalid_amount';
    setLocal(problems);
    if (Object.keys(problems).length) return;
    save.mutate({ date: draft.date, amount: amount!, categoryId, method: draft.method, note: draft.note });
  }

  return (
    <Dialog title={t(e ? 'expenses.edit' : 'expenses.add')} onClose={props.onClose} onSubmit={submit} busy={save.isPending}>
      {save.isError && !Object.keys(server).length ? <Banner kind="error">{errorText(t, save.error)}</Banner> : null}
      <div className="row">
        <Field label={t('expenses.field.date')} error={err('date')}>
          {(id, d) => <DateInput id={id} describedBy={d} value={draft.date} onChange={(date) => set({ date })} invalid={!!err('date')} />}
        </Field>
        <Field label={t('expenses.field.amount')} error={err('amount')}>
          {(id, d) => <MoneyInput id={id} describedBy={d} value={draft.amount} currency={f.currency} onChange={(amount) => set({ amount })} invalid={!!err('amount')} />}
        </Field>
      </div>
      <div className="row">
        <Field label={t('expenses.field.category')} error={err('categoryId')}>
          {(id, d) => (
            <select id={id} aria-describedby={d} value={categoryId} onChange={(ev) => set({ categoryId: Number(ev.target.value) })}>
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {labels.category(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('expenses.field.method')} error={err('method')}>
          {(id, d) => (
            <select id={id} aria-describedby={d} value={draft.method} onChange={(ev) => set({ method: ev.target.value })}>
              {methods.map((m) => (
                <option key={m.code} value={m.code}>
                  {labels.method(m.code)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('expenses.field.note')} error={err('note')}>
        {(id, d) => <input id={id} aria-describedby={d} value={draft.note} maxLength={500} onChange={(ev) => set({ note: ev.target.value })} />}
      </Field>
    </Dialog>
  );
}

/** Asks why before an expense is deleted (kept, marked, out of the totals). */
export function DeleteExpenseDialog(props: { expense: Expense; onClose: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const labels = useLabels();
  const [reason, setReason] = useState('');
  const del = useMutation({ mutationFn: () => invoke('expenses.delete', { id: props.expense.id, reason }), onSuccess: props.onDeleted });
  const server = del.error instanceof ApiError ? del.error.fieldErrors() : {};
  const e = props.expense;
  return (
    <Dialog title={t('expenses.deleteTitle')} size="small" danger submitLabel={t('expenses.delete')} onClose={props.onClose} onSubmit={() => del.mutate()} busy={del.isPending}>
      <p className="dialog__message">
        {t('expenses.deleteLead', { amount: f.money(e.amount), date: f.date(e.date), category: labels.category({ nameEn: e.categoryNameEn, nameZh: e.categoryNameZh }) })}
      </p>
      {del.isError && !Object.keys(server).length ? <Banner kind="error">{errorText(t, del.error)}</Banner> : null}
      <Field label={t('expenses.reason')} error={fieldErrorText(t, server['reason'])}>
        {(id, d) => <input id={id} aria-describedby={d} value={reason} onChange={(ev) => setReason(ev.target.value)} />}
      </Field>
    </Dialog>
  );
}
