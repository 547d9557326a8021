import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PayerMoney, PaymentReceipt } from '../../../electron/contract/payments';
import { errorText, fieldErrorText } from '../../app/errors';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { PrintFooter, SlipLanguage, useSlipLang } from './PrintFooter';
import { Field } from '../../components/Field';
import { MoneyInput } from '../../components/MoneyInput';
import { minorToText, textToMinor } from '../../components/moneyText';
import { Banner } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';
import { MONEY_KEYS, methodInUse, methodLabel, newRequestId, printDocument, useMethods } from './money';

export interface TakePaymentProps {
  /** The member at the desk; the payment goes to the account that pays for them (their household payer). */
  memberId: number;
  /** Invoices to pay (ticked at the start), e.g. from an invoice's page. */
  invoiceIds?: number[];
  /** Start as a top-up (储值) instead of paying invoices. */
  kind?: 'payment' | 'topup';
  onClose: () => void;
  /** Called once the payment is recorded (the dialog stays open to show the change and print the receipt). */
  onDone?: (receipt: PaymentReceipt) => void;
}

/**
 * Take a payment: method, amount (prefilled with what is due), date, reference; cash shows the
 * change due; a top-up may earn a promotion's bonus. After recording, the dialog shows where the
 * money went and prints the receipt. Mount it to open it.
 */
export function TakePaymentDialog(props: TakePaymentProps) {
  const { t } = useTranslation();
  const payer = useQuery({ queryKey: ['payer', props.memberId], queryFn: () => invoke('payments.payer', { memberId: props.memberId }) });
  const info = useQuery({ queryKey: ['system', 'info'], queryFn: () => invoke('system.info', {}) });
  const [receipt, setReceipt] = useState<PaymentReceipt | null>(null);

  if (receipt) return <ReceiptView receipt={receipt} onClose={props.onClose} />;
  if (!payer.data || !info.data) {
    return (
      <Dialog title={t('payments.take.title')} onClose={props.onClose}>
        {payer.error ? <Banner kind="error">{errorText(t, payer.error)}</Banner> : <p className="muted">{t('common.loading')}</p>}
      </Dialog>
    );
  }
  return (
    <PaymentForm
      {...props}
      payer={payer.data}
      today={info.data.today}
      onRecorded={(r) => {
        setReceipt(r);
        props.onDone?.(r);
      }}
    />
  );
}

type Kind = 'payment' | 'topup';

function PaymentForm(props: TakePaymentProps & { payer: PayerMoney; today: string; onRecorded: (r: PaymentReceipt) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const { payer } = props;
  const methods = useMethods();
  const promotions = useQuery({ queryKey: ['promotions'], queryFn: () => invoke('promotions.list', { includeInactive: false }) });
  const openIds = new Set(payer.openInvoices.map((i) => i.id));
  const [kind, setKind] = useState<Kind>(props.kind ?? 'payment');
  const [picked, setPicked] = useState<number[]>(() => (props.invoiceIds ?? []).filter((id) => openIds.has(id)));
  const [chosenMethod, setMethod] = useState<string | null>(null);
  const method = methodInUse(chosenMethod, methods.data);
  const [amountText, setAmountText] = useState<string | null>(null);
  const [tendered, setTendered] = useState('');
  const [date, setDate] = useState(props.today);
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [promotionId, setPromotionId] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // One id for this dialog's payment: pressing the button twice records it once.
  const [requestId] = useState(newRequestId);

  // Until the clerk types an amount it follows what is ticked (or everything due).
  const suggested = useMemo(() => {
    if (kind === 'topup') return 0;
    const ticked = payer.openInvoices.filter((i) => picked.includes(i.id));
    return (ticked.length ? ticked : payer.openInvoices).reduce((s, i) => s + i.balance, 0);
  }, [kind, picked, payer.openInvoices]);
  const amount = amountText ?? (suggested > 0 ? minorToText(suggested, f.currency) : '');
  const amountMinor = textToMinor(amount, f.currency);
  const tenderedMinor = textToMinor(tendered, f.currency);
  const isCash = methods.data?.find((m) => m.code === method)?.isCash ?? method === 'cash';
  const change = isCash && tenderedMinor !== null && amountMinor !== null ? tenderedMinor - amountMinor : null;
  const promos = (promotions.data ?? []).filter((p) => amountMinor !== null && amountMinor >= p.minAmount);

  const save = useMutation({
    mutationFn: () =>
      invoke('payments.record', {
        requestId,
        payerId: payer.payerId,
        kind,
        method,
        amount: amountMinor ?? -1,
        date,
        reference,
        note,
        ...(isCash && tendered.trim() ? { tendered: tenderedMinor ?? -1 } : {}),
        ...(kind === 'payment' && picked.length ? { invoices: picked.map((invoiceId) => ({ invoiceId })) } : {}),
        ...(kind === 'topup' && promotionId !== null && promos.some((p) => p.id === promotionId) ? { promotionId } : {}),
      }),
    onSuccess: (r) => {
      for (const key of MONEY_KEYS) void qc.invalidateQueries({ queryKey: [...key] });
      props.onRecorded(r);
    },
    onError: (e) => setErrors(e instanceof ApiError ? e.fieldErrors() : {}),
  });

  function submit() {
    const local: Record<string, string> = {};
    if (amountMinor === null || amountMinor <= 0) local['amount'] = 'positive_amount';
    if (isCash && tendered.trim() && tenderedMinor === null) local['tendered'] = 'invalid_amount';
    setErrors(local);
    if (!Object.keys(local).length) save.mutate();
  }

  const err = (path: string) => fieldErrorText(t, errors[path]);
  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const businessError = save.error && !(save.error instanceof ApiError && save.error.code === 'VALIDATION') ? errorText(t, save.error) : null;

  return (
    <Dialog
      title={t('payments.take.titleFor', { name: payer.payerName })}
      size="large"
      onClose={props.onClose}
      onSubmit={submit}
      submitLabel={save.isPending ? t('payments.take.saving') : t(kind === 'topup' ? 'payments.take.submitTopup' : 'payments.take.submit')}
      busy={save.isPending}
    >
      {businessError ? <Banner kind="error">{businessError}</Banner> : null}
      <div className="stats">
        <Stat label={t('payments.take.owes')} value={f.money(payer.owes)} tone={payer.owes > 0 ? 'due' : undefined} />
        <Stat label={t('payments.take.credit')} value={f.money(payer.credit)} />
        {payer.bonusCredit > 0 ? <Stat label={t('payments.take.bonus')} value={f.money(payer.bonusCredit)} /> : null}
      </div>
      <div className="pay__grid">
        <div>
          <Field label={t('payments.take.kind')}>
            {() => (
              <Segmented
                label={t('payments.take.kind')}
                value={kind}
                options={(['payment', 'topup'] as const).map((k) => ({ value: k, label: t(`payments.take.kinds.${k}`) }))}
                onChange={(k) => {
                  setKind(k);
                  setAmountText(null);
                }}
              />
            )}
          </Field>
          <fieldset className="pay__methods">
            <legend className="field__label">{t('payments.take.method')}</legend>
            <div className="pay__method-list">
              {(methods.data ?? []).map((m) => (
                <label key={m.code} className={`pay__method${method === m.code ? ' pay__method--on' : ''}`}>
                  <input type="radio" name="method" value={m.code} checked={method === m.code} onChange={() => setMethod(m.code)} />
                  {methodLabel(t, m.code, methods.data)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="row row--2">
            <Field label={t('payments.take.amount')} error={err('amount')} hint={t(kind === 'topup' ? 'payments.take.topupHint' : 'payments.take.amountHint')}>
              {(id, d) => <MoneyInput id={id} describedBy={d} currency={f.currency} value={amount} invalid={!!errors['amount']} onChange={setAmountText} />}
            </Field>
            {isCash ? (
              <Field label={t('payments.take.tendered')} error={err('tendered')}>
                {(id, d) => <MoneyInput id={id} describedBy={d} currency={f.currency} value={tendered} invalid={!!errors['tendered']} onChange={setTendered} />}
              </Field>
            ) : (
              <Field label={t('payments.take.reference')} error={err('reference')}>
                {(id, d) => (
                  <input id={id} aria-describedby={d} value={reference} placeholder={t('payments.take.referencePlaceholder')} onChange={(e) => setReference(e.target.value)} />
                )}
              </Field>
            )}
          </div>
          {change !== null ? (
            <div className={`pay__change${change < 0 ? ' pay__change--short' : ''}`} role="status">
              <span>{t(change < 0 ? 'payments.take.changeShort' : 'payments.take.change')}</span>
              <strong>{f.money(Math.abs(change))}</strong>
            </div>
          ) : null}
          {kind === 'topup' && (promotions.data ?? []).length ? (
            <Field label={t('payments.take.promotion')}>
              {(id) => (
                <select id={id} value={promotionId ?? ''} onChange={(e) => setPromotionId(e.target.value ? Number(e.target.value) : null)}>
                  <option value="">{t('payments.take.noPromotion')}</option>
                  {promos.map((p) => (
                    <option key={p.id} value={p.id}>
                      {t('payments.take.promotionOption', { name: p.name, min: f.money(p.minAmount), bonus: f.money(p.bonus) })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          <div className="row row--2">
            <Field label={t('payments.take.date')} error={err('date')}>
              {(id, d) => <DateInput id={id} describedBy={d} value={date} max={props.today} invalid={!!errors['date']} onChange={setDate} />}
            </Field>
            {isCash ? (
              <Field label={t('payments.take.reference')} error={err('reference')}>
                {(id, d) => <input id={id} aria-describedby={d} value={reference} onChange={(e) => setReference(e.target.value)} />}
              </Field>
            ) : (
              <Field label={t('payments.take.note')} error={err('note')}>
                {(id, d) => <input id={id} aria-describedby={d} value={note} onChange={(e) => setNote(e.target.value)} />}
              </Field>
            )}
          </div>
          {isCash ? (
            <Field label={t('payments.take.note')} error={err('note')}>
              {(id, d) => <input id={id} aria-describedby={d} value={note} onChange={(e) => setNote(e.target.value)} />}
            </Field>
          ) : null}
        </div>
        {kind === 'payment' ? (
          <fieldset className="pay__invoices">
            <legend className="field__label">{t('payments.take.invoices')}</legend>
            <p className="field__hint">{t('payments.take.invoicesHint')}</p>
            {payer.openInvoices.length === 0 ? <p className="muted">{t('payments.take.noInvoices')}</p> : null}
            <ul className="pay__invoice-list">
              {payer.openInvoices.map((i) => (
                <li key={i.id}>
                  <label className="check pay__invoice">
                    <input type="checkbox" checked={picked.includes(i.id)} onChange={() => toggle(i.id)} />
                    <span className="cell-stack">
                      <span className="cell-strong">{i.number}</span>
                      {i.members.length ? <span className="pay__invoice-for">{forMembers(t, i.members)}</span> : null}
                      <span className="cell-sub">
                        {t('payments.take.due', { date: f.date(i.dueDate) })}
                        {i.overdue ? (
                          <>
                            {' '}
                            <StatusBadge tone="red">{t('payments.take.overdueDays', { count: i.daysOverdue })}</StatusBadge>
                          </>
                        ) : null}
                      </span>
                    </span>
                    <span className="num cell-strong">{f.money(i.balance)}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null}
      </div>
    </Dialog>
  );
}

/** Whom an invoice is for: "For 张小明, 张小红" / "张小明、张小红的费用". */
function forMembers(t: ReturnType<typeof useTranslation>['t'], members: { name: string }[]): string {
  return t('payments.take.forMembers', { names: members.map((m) => m.name).join(t('payments.take.namesSep')) });
}

function Stat(props: { label: string; value: string; tone?: 'due' | undefined }) {
  return (
    <div className={`stat${props.tone === 'due' ? ' stat--due' : ''}`}>
      <span className="stat__label">{props.label}</span>
      <span className="stat__value">{props.value}</span>
    </div>
  );
}

/** After recording: where the money went, the change to give back, and the receipt. */
function ReceiptView({ receipt, onClose }: { receipt: PaymentReceipt; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const methods = useMethods(true);
  const [lang, setLang] = useSlipLang();
  const [printing, setPrinting] = useState(false);
  const p = receipt.payment;
  const print = async (action: 'print' | 'pdf') => {
    setPrinting(true);
    await printDocument(t, 'receipt', p.id, lang, action);
    setPrinting(false);
  };
  return (
    <Dialog
      title={t('payments.take.done')}
      onClose={onClose}
      footer={<PrintFooter printing={printing} printLabel={t('payments.take.printReceipt')} onPrint={(a) => void print(a)} onClose={onClose} />}
    >
      {receipt.change !== null && receipt.change > 0 ? (
        <div className="pay__change pay__change--big" role="status">
          {t('payments.take.changeBig', { amount: f.money(receipt.change) })}
        </div>
      ) : null}
      <dl className="details pay__done">
        <div className="details__row">
          <dt>{p.payerName}</dt>
          <dd className="cell-strong">
            {f.money(p.amount)} · {methodLabel(t, p.method, methods.data)}
          </dd>
        </div>
        {p.allocations.map((a) => (
          <div className="details__row" key={`${a.invoiceId}-${a.amount}`}>
            <dt>
              {t('payments.take.applied', { number: a.invoiceNumber })}
              {a.members.length ? <span className="pay__invoice-for"> · {forMembers(t, a.members)}</span> : null}
            </dt>
            <dd className="num-text">{f.money(a.amount)}</dd>
          </div>
        ))}
        {receipt.toCredit > 0 ? (
          <div className="details__row">
            <dt>{t('payments.take.toCredit')}</dt>
            <dd className="num-text">{f.money(receipt.toCredit)}</dd>
          </div>
        ) : null}
        {receipt.bonus > 0 ? (
          <div className="details__row">
            <dt>{t('payments.take.bonusGranted')}</dt>
            <dd className="num-text">{f.money(receipt.bonus)}</dd>
          </div>
        ) : null}
      </dl>
      <p className="muted">{t('payments.take.afterwards', { due: f.money(receipt.payer.owes), credit: f.money(receipt.payer.credit) })}</p>
      <SlipLanguage label={t('payments.take.receiptLanguage')} value={lang} onChange={setLang} />
    </Dialog>
  );
}
