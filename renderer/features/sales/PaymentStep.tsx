import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckoutItem, CheckoutResult } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { MoneyInput } from '../../components/MoneyInput';
import { minorToText, textToMinor } from '../../components/moneyText';
import { Banner } from '../../components/Page';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { methodInUse, methodLabel, newRequestId, useMethods } from '../payments/money';
import { CheckoutPreview } from './CheckoutPreview';

/** The checkout's one payment: method, amount (what is due now), cash handed over and the change. */
export function PaymentStep(props: {
  payerId: number;
  payerName: string;
  items: CheckoutItem[];
  preview: CheckoutResult;
  title?: string;
  /** Shown above the method (a drop-in's plan choice). */
  extra?: ReactNode;
  confirmLabel?: (amount: string) => string;
  onBack?: () => void;
  onClose: () => void;
  onDone: (r: CheckoutResult) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const methods = useMethods();
  const [chosen, setMethod] = useState<string | null>(null);
  const method = methodInUse(chosen, methods.data);
  const [amountText, setAmount] = useState(props.preview.dueNow > 0 ? minorToText(props.preview.dueNow, f.currency) : '');
  const [tendered, setTendered] = useState('');
  const [reference, setReference] = useState('');
  // One id for this payment: a double press sells once.
  const [requestId] = useState(newRequestId);
  const amount = textToMinor(amountText, f.currency);
  const given = textToMinor(tendered, f.currency);
  const isCash = methods.data?.find((m) => m.code === method)?.isCash ?? method === 'cash';
  const change = isCash && given !== null && amount !== null ? given - amount : null;
  const sell = useMutation({
    mutationFn: () =>
      invoke('checkout.sell', {
        requestId,
        payerId: props.payerId,
        items: props.items,
        payment: { method, amount: amount ?? -1, reference, ...(isCash && tendered.trim() ? { tendered: given ?? -1 } : {}) },
      }),
    onSuccess: props.onDone,
  });
  const ok = amount !== null && amount > 0 && method !== '';
  const amountLabel = amount !== null ? f.money(amount) : '';

  return (
    <Dialog
      title={props.title ?? t('sales.pay.title', { payer: props.payerName })}
      onClose={props.onClose}
      onSubmit={() => ok && sell.mutate()}
      busy={sell.isPending}
      size="large"
      footer={
        <>
          {props.onBack ? (
            <button type="button" className="btn" onClick={props.onBack} disabled={sell.isPending}>
              ← {t('sales.pay.back')}
            </button>
          ) : (
            <button type="button" className="btn" onClick={props.onClose} disabled={sell.isPending}>
              {t('common.cancel')}
            </button>
          )}
          <button type="submit" className="btn btn--primary" disabled={!ok || sell.isPending}>
            {props.confirmLabel ? props.confirmLabel(amountLabel) : t('sales.pay.confirm', { amount: amountLabel })}
          </button>
        </>
      }
    >
      {sell.isError ? <Banner kind="error">{errorText(t, sell.error)}</Banner> : null}
      <div className="action-layout">
        <div className="action-layout__form">
          {props.extra}
          <fieldset className="pay__methods">
            <legend className="field__label">{t('sales.pay.method')}</legend>
            <div className="pay__method-list">
              {(methods.data ?? []).map((m) => (
                <label key={m.code} className={`pay__method${method === m.code ? ' pay__method--on' : ''}`}>
                  <input type="radio" name="checkout-method" value={m.code} checked={method === m.code} onChange={() => setMethod(m.code)} />
                  {methodLabel(t, m.code, methods.data)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="row row--2">
            <Field label={t('sales.pay.amount')}>
              {(id, d) => <MoneyInput id={id} describedBy={d} currency={f.currency} value={amountText} onChange={setAmount} />}
            </Field>
            {isCash ? (
              <Field label={t('sales.pay.tendered')}>
                {(id, d) => <MoneyInput id={id} describedBy={d} currency={f.currency} value={tendered} onChange={setTendered} />}
              </Field>
            ) : (
              <Field label={t('sales.pay.reference')}>{(id, d) => <input id={id} aria-describedby={d} value={reference} onChange={(e) => setReference(e.target.value)} />}</Field>
            )}
          </div>
          {change !== null ? (
            <div className={`pay__change${change < 0 ? ' pay__change--short' : ''}`} role="status">
              <strong>{t('sales.pay.change', { amount: f.money(Math.max(0, change)) })}</strong>
            </div>
          ) : null}
        </div>
        <div className="action-layout__preview">
          <CheckoutPreview result={props.preview} />
        </div>
      </div>
    </Dialog>
  );
}

/** After the sale: the invoice, what was paid, the change to give, what stays as credit. */
export function SaleDone(props: { result: CheckoutResult; nameOf: (id: number) => string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const r = props.result;
  const inv = r.invoice;
  const checkedIn = r.items.filter((i) => i.checkinId !== null && i.memberId !== null);
  return (
    <Dialog title={t('sales.done.title')} onClose={props.onClose} onSubmit={props.onClose} submitLabel={t('sales.done.close')} size="medium">
      <div className="sale-done" role="status">
        {inv ? <p className="sale-done__line">{t('sales.done.invoice', { number: inv.number, total: f.money(inv.total) })}</p> : null}
        {r.paid ? <p className="sale-done__line">{t('sales.done.paid', { amount: f.money(r.paid.amount) })}</p> : null}
        {r.paid?.change ? <p className="sale-done__big">{t('sales.done.change', { amount: f.money(r.paid.change) })}</p> : null}
        {r.paid?.toCredit ? <p className="sale-done__line">{t('sales.done.toCredit', { amount: f.money(r.paid.toCredit) })}</p> : null}
        {inv && inv.balance > 0 ? <p className="sale-done__line text-danger">{t('sales.done.open', { amount: f.money(inv.balance) })}</p> : null}
        {checkedIn.map((i) => (
          <p key={i.checkinId} className="sale-done__line">
            {t('sales.done.checkedIn', { name: props.nameOf(i.memberId!) })}
          </p>
        ))}
      </div>
    </Dialog>
  );
}
