import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceDetail } from '../../../electron/contract';
import { errorText, fieldErrorText } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { MoneyInput } from '../../components/MoneyInput';
import { minorToText, textToMinor } from '../../components/moneyText';
import { Banner } from '../../components/Page';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';
import { MONEY_KEYS, methodInUse, methodLabel, useMethods } from '../payments/money';

/** A credit note: whole lines or part of a line; the rest refunded or kept as account credit (manager). */
export function CreditNoteDialog(props: { invoice: InvoiceDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const methods = useMethods();
  const inv = props.invoice;
  // What is left to credit, from the host: per line (net of its share of the discounts) and on the whole invoice.
  const limits = useQuery({ queryKey: ['creditLimits', inv.id, inv.creditNotes.length], queryFn: () => invoke('creditNotes.limits', { invoiceId: inv.id }) });
  const left = new Map((limits.data?.lines ?? []).map((l) => [l.invoiceLineId, l.left] as const));
  const cap = limits.data?.invoiceLeft ?? 0;
  const creditable = inv.lines.filter((l) => (left.get(l.id) ?? 0) > 0);
  const [picked, setPicked] = useState<Record<number, string>>({});
  const [settlement, setSettlement] = useState<'credit' | 'refund'>('credit');
  const [chosenMethod, setMethod] = useState<string | null>(null);
  const method = methodInUse(chosenMethod, methods.data);
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () =>
      invoke('creditNotes.create', {
        invoiceId: inv.id,
        lines: Object.entries(picked).map(([lineId, text]) => {
          const amount = textToMinor(text, f.currency);
          const whole = amount === left.get(Number(lineId));
          return { invoiceLineId: Number(lineId), ...(whole ? {} : { amount: amount ?? -1 }) };
        }),
        settlement,
        ...(settlement === 'refund' ? { refundMethod: method } : {}),
        reason,
      }),
    onSuccess: (cn) => {
      for (const key of MONEY_KEYS) void qc.invalidateQueries({ queryKey: [...key] });
      toast.success(t('invoices.creditNote.done', { number: cn.number }));
      props.onClose();
    },
  });
  const pickedTotal = Object.values(picked).reduce((s, text) => s + Math.max(0, textToMinor(text, f.currency) ?? 0), 0);
  const issues = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const businessError = save.error && !(save.error instanceof ApiError && save.error.code === 'VALIDATION') ? errorText(t, save.error) : null;

  function submit() {
    if (Object.keys(picked).length === 0) {
      setLocalError(t('invoices.creditNote.pickOne'));
      return;
    }
    if (pickedTotal > cap) {
      setLocalError(t('invoices.creditNote.overCap', { amount: f.money(pickedTotal), cap: f.money(cap) }));
      return;
    }
    setLocalError(null);
    save.mutate();
  }

  return (
    <Dialog title={t('invoices.creditNote.title', { number: inv.number })} size="large" onClose={props.onClose} onSubmit={submit} submitLabel={t('invoices.creditNote.submit')} busy={save.isPending}>
      {businessError || localError ? <Banner kind="error">{businessError ?? localError}</Banner> : null}
      <p className="dialog__note">{t('invoices.creditNote.explain')}</p>
      {limits.data ? <p className="dialog__note">{t('invoices.creditNote.cap', { amount: f.money(cap) })}</p> : null}
      <ul className="credit__lines">
        {creditable.map((l) => {
          const on = picked[l.id] !== undefined;
          // The host reports errors by the position in the request, which lists the picked lines in key order.
          const i = Object.keys(picked).indexOf(String(l.id));
          return (
            <li key={l.id} className="credit__line">
              <label className="check">
                <input
                  type="checkbox"
                  checked={on}
                  aria-label={`${t('invoices.creditNote.line')}: ${l.description}`}
                  onChange={() =>
                    setPicked((p) => {
                      const next = { ...p };
                      if (on) delete next[l.id];
                      else next[l.id] = minorToText(left.get(l.id) ?? 0, f.currency);
                      return next;
                    })
                  }
                />
                <span className="cell-stack">
                  <span className="cell-strong">{l.description}</span>
                  <span className="cell-sub">
                    {l.periodStart && l.periodEnd ? `${f.dateRange(l.periodStart, l.periodEnd)} · ` : ''}
                    {t('invoices.creditNote.left', { amount: f.money(left.get(l.id) ?? 0) })}
                  </span>
                </span>
              </label>
              {on ? (
                <Field label={t('invoices.creditNote.amount')} error={fieldErrorText(t, issues[`lines.${i}.amount`])}>
                  {(id, d) => (
                    <MoneyInput id={id} describedBy={d} currency={f.currency} value={picked[l.id] ?? ''} onChange={(v) => setPicked((p) => ({ ...p, [l.id]: v }))} />
                  )}
                </Field>
              ) : null}
            </li>
          );
        })}
      </ul>
      <fieldset className="radio-group form-section">
        <legend>{t('invoices.creditNote.settlement')}</legend>
        {(['credit', 'refund'] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="settlement" checked={settlement === s} onChange={() => setSettlement(s)} />
            {t(`invoices.creditNote.settlements.${s}`)}
          </label>
        ))}
      </fieldset>
      <div className="row row--2">
        {settlement === 'refund' ? (
          <Field label={t('invoices.creditNote.refundMethod')}>
            {(id) => (
              <select id={id} value={method} onChange={(e) => setMethod(e.target.value)}>
                {(methods.data ?? []).map((m) => (
                  <option key={m.code} value={m.code}>
                    {methodLabel(t, m.code, methods.data)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field label={t('invoices.creditNote.reason')} error={fieldErrorText(t, issues['reason'])}>
          {(id, d) => <input id={id} aria-describedby={d} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </div>
    </Dialog>
  );
}
