import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payment, RefundResult } from '../../../electron/contract/payments';
import { handBackText } from '../../../shared/hand-back';
import { paymentNumber } from '../../../shared/numbering';
import { errorText, fieldErrorText } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { PrintFooter, SlipLanguage, useSlipLang } from './PrintFooter';
import { Field } from '../../components/Field';
import { MoneyInput } from '../../components/MoneyInput';
import { minorToText, textToMinor } from '../../components/moneyText';
import { Banner } from '../../components/Page';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';
import { MONEY_KEYS, methodInUse, methodLabel, newRequestId, printDocument, useMethods } from './money';


/**
 * Refund against one payment (what is still unapplied of it) or from the payer's paid account
 * credit, with a reason. Bonus credit is never paid out. A manager's action.
 */
export function RefundDialog(props: { payerId: number; payment?: Payment; onClose: () => void }) {
  const [done, setDone] = useState<{ result: RefundResult; method: string } | null>(null);
  if (done) return <RefundDone result={done.result} method={done.method} onClose={props.onClose} />;
  return <RefundForm {...props} onDone={(result, method) => setDone({ result, method })} />;
}

function RefundForm(props: { payerId: number; payment?: Payment; onClose: () => void; onDone: (r: RefundResult, method: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const methods = useMethods();
  const payer = useQuery({ queryKey: ['payer', props.payerId], queryFn: () => invoke('payments.payer', { memberId: props.payerId }) });
  const [source, setSource] = useState<'payment' | 'credit'>(props.payment && props.payment.unallocated > 0 ? 'payment' : 'credit');
  const refundable = source === 'payment' ? (props.payment?.unallocated ?? 0) : (payer.data?.paidCredit ?? 0);
  const [amountText, setAmountText] = useState<string | null>(null);
  // The refunded payment's method while it is still in use, else the first method in use.
  const [chosenMethod, setMethod] = useState<string | null>(props.payment?.method ?? null);
  const method = methodInUse(chosenMethod, methods.data);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [requestId] = useState(newRequestId);
  const amount = amountText ?? (refundable > 0 ? minorToText(refundable, f.currency) : '');
  const amountMinor = textToMinor(amount, f.currency);
  // The bonus this refund takes back (a bonus is a discount on the money refunded): asked of the host.
  const previewInput = {
    payerId: props.payerId,
    source,
    ...(source === 'payment' && props.payment ? { paymentId: props.payment.id } : {}),
    amount: amountMinor ?? 0,
  };
  const preview = useQuery({
    queryKey: ['refundPreview', previewInput],
    queryFn: () => invoke('refunds.preview', previewInput),
    enabled: amountMinor !== null && amountMinor > 0 && amountMinor <= refundable,
  });
  const forfeit = preview.data && amountMinor !== null && amountMinor <= refundable ? preview.data.bonusForfeited : 0;

  const save = useMutation({
    mutationFn: () =>
      invoke('refunds.create', {
        requestId,
        payerId: props.payerId,
        source,
        ...(source === 'payment' && props.payment ? { paymentId: props.payment.id } : {}),
        amount: textToMinor(amount, f.currency) ?? -1,
        method,
        reason,
      }),
    onSuccess: (r) => {
      for (const key of MONEY_KEYS) void qc.invalidateQueries({ queryKey: [...key] });
      toast.success(
        r.bonusForfeited > 0
          ? t('payments.refund.doneForfeit', { amount: f.money(r.total), bonus: f.money(r.bonusForfeited) })
          : t('payments.refund.done', { amount: f.money(r.total) }),
      );
      // The dialog stays open: the clerk reads what to hand back, and prints the slip.
      props.onDone(r, method);
    },
    onError: (e) => setErrors(e instanceof ApiError ? e.fieldErrors() : {}),
  });

  function submit() {
    const minor = textToMinor(amount, f.currency);
    const local: Record<string, string> = {};
    if (minor === null || minor <= 0) local['amount'] = 'positive_amount';
    if (!reason.trim()) local['reason'] = 'required';
    setErrors(local);
    if (!Object.keys(local).length) save.mutate();
  }

  const pick = (s: 'payment' | 'credit') => {
    setSource(s);
    setAmountText(null);
  };
  const err = (path: string) => fieldErrorText(t, errors[path]);
  const businessError = save.error && !(save.error instanceof ApiError && save.error.code === 'VALIDATION') ? errorText(t, save.error) : null;
  return (
    <Dialog
      title={t('payments.refund.title', { name: payer.data?.payerName ?? props.payment?.payerName ?? '' })}
      onClose={props.onClose}
      onSubmit={submit}
      submitLabel={t('payments.refund.submit')}
      danger
      busy={save.isPending}
    >
      {businessError ? <Banner kind="error">{businessError}</Banner> : null}
      <fieldset className="radio-group form-section">
        <legend>{t('payments.refund.source')}</legend>
        {props.payment ? (
          <label>
            <input type="radio" name="source" checked={source === 'payment'} onChange={() => pick('payment')} />
            {t('payments.refund.sources.payment', { number: paymentNumber(props.payment.id) })}
          </label>
        ) : null}
        <label>
          <input type="radio" name="source" checked={source === 'credit'} onChange={() => pick('credit')} />
          {t('payments.refund.sources.credit')}
        </label>
      </fieldset>
      <p className="dialog__note">
        {refundable > 0 ? t('payments.refund.refundable', { amount: f.money(refundable) }) : t('payments.refund.nothing')}
        {payer.data && payer.data.bonusCredit > 0 ? ` ${t('payments.refund.bonusNote', { amount: f.money(payer.data.bonusCredit) })}` : ''}
      </p>
      {forfeit > 0 ? <Banner kind="warning">{t('payments.refund.forfeit', { amount: f.money(forfeit) })}</Banner> : null}
      <div className="row row--2">
        <Field label={t('payments.refund.amount')} error={err('amount')}>
          {(id, d) => <MoneyInput id={id} describedBy={d} currency={f.currency} value={amount} invalid={!!errors['amount']} onChange={setAmountText} />}
        </Field>
        <Field label={t('payments.refund.method')} error={err('method')}>
          {(id, d) => (
            <select id={id} aria-describedby={d} value={method} onChange={(e) => setMethod(e.target.value)}>
              {(methods.data ?? []).map((m) => (
                <option key={m.code} value={m.code}>
                  {methodLabel(t, m.code, methods.data)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('payments.refund.reason')} error={err('reason')}>
        {(id, d) => <input id={id} aria-describedby={d} value={reason} aria-invalid={!!errors['reason'] || undefined} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </Dialog>
  );
}

/** After a refund: what to hand back, and how, in large type; then the slip (each refund row has its own). */
function RefundDone({ result, method, onClose }: { result: RefundResult; method: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const methods = useMethods(true);
  const [lang, setLang] = useSlipLang();
  const [printing, setPrinting] = useState(false);
  const print = async (action: 'print' | 'pdf') => {
    setPrinting(true);
    for (const r of result.refunds) await printDocument(t, 'refund', r.id, lang, action);
    setPrinting(false);
  };
  const handBack = handBackText(i18n.language, method, f.money(result.total), methodLabel(t, method, methods.data));
  return (
    <Dialog
      title={t('payments.refund.doneTitle')}
      onClose={onClose}
      footer={<PrintFooter printing={printing} printLabel={t('payments.refund.printSlip')} onPrint={(a) => void print(a)} onClose={onClose} />}
    >
      <div className="pay__change pay__change--big" role="status" aria-label={t('payments.refund.handBackLabel')}>
        {handBack}
      </div>
      {result.bonusForfeited > 0 ? <p className="muted">{t('payments.refund.forfeited', { bonus: f.money(result.bonusForfeited) })}</p> : null}
      <p className="muted">{t('payments.take.afterwards', { due: f.money(result.payer.owes), credit: f.money(result.payer.credit) })}</p>
      <SlipLanguage label={t('payments.refund.slipLanguage')} value={lang} onChange={setLang} />
    </Dialog>
  );
}
