import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../../components/DateInput';
import { Field } from '../../../components/Field';
import { MoneyInput } from '../../../components/MoneyInput';
import { Segmented } from '../../../components/Segmented';
import { useFormat } from '../../../components/useFormat';
import { invoke } from '../../../lib/api';
import { parsePercentToBp } from '../../../lib/format';
import { ActionDialog, type Outcome } from '../ActionDialog';
import { optionalCount, optionalDate, optionalMoney } from './inputs';

type DiscountKind = 'none' | 'percent' | 'fixed';

/** Start a membership: plan, start date, trial, negotiated price and discount, with the first invoice shown before confirming. */
export function SellPlanDialog(props: { memberId: number; memberName: string; onClose: () => void; onDone: (r: Outcome) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const plans = useQuery({ queryKey: ['plans', 'active'], queryFn: () => invoke('plans.list', { includeArchived: false }) });
  const recurring = (plans.data ?? []).filter((p) => p.kind === 'recurring');
  const [planId, setPlanId] = useState('');
  const [start, setStart] = useState('');
  const [trial, setTrial] = useState('');
  const [price, setPrice] = useState('');
  const [waive, setWaive] = useState(false);
  const [discount, setDiscount] = useState<DiscountKind>('none');
  const [value, setValue] = useState('');
  const [duration, setDuration] = useState<'once' | 'repeating' | 'forever'>('once');
  const [periods, setPeriods] = useState('');
  const plan = recurring.find((p) => String(p.id) === planId);

  const discountValue = discount === 'percent' ? (parsePercentToBp(value) ?? -1) : (optionalMoney(value, f.currency) ?? -1);
  // A discount chosen but not typed yet is not an error: the preview waits for its value (and its
  // number of periods when it repeats). A percent typed wrong says so in percent words, not money words.
  const discountPending = discount !== 'none' && (value.trim() === '' || (duration === 'repeating' && periods.trim() === ''));
  const percentWrong = discount === 'percent' && value.trim() !== '' && (discountValue < 0 || discountValue > 10_000);
  const input = plan && !discountPending && !percentWrong
    ? {
        memberId: props.memberId,
        planId: plan.id,
        startDate: optionalDate(start),
        trialDays: optionalCount(trial),
        price: optionalMoney(price, f.currency),
        waiveSetupFee: waive,
        discount:
          discount === 'none'
            ? null
            : { kind: discount, value: discountValue, duration, periods: duration === 'repeating' ? (optionalCount(periods) ?? null) : null },
      }
    : null;

  return (
    <ActionDialog
      title={t('members.sell.title', { name: props.memberName })}
      confirmLabel={t('members.sell.confirm')}
      input={input}
      previewKey="sellPlan"
      run={(i, dryRun) => invoke('subscriptions.create', { ...i, dryRun })}
      onClose={props.onClose}
      onDone={props.onDone}
      doneMessage={t('members.sell.done', { plan: plan?.name ?? '' })}
    >
      {(err) => (
        <>
          <Field label={t('members.sell.plan')} error={err('planId')}>
            {(id, d) => (
              <select id={id} aria-describedby={d} value={planId} onChange={(e) => setPlanId(e.target.value)} data-autofocus="">
                <option value="">{t('members.sell.choosePlan')}</option>
                {recurring.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} · {f.money(p.price)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="row row--2">
            <Field label={t('members.sell.startDate')} error={err('startDate')} hint={t('members.sell.startHint')}>
              {(id, d) => <DateInput id={id} describedBy={d} value={start} onChange={setStart} />}
            </Field>
            <Field label={t('members.sell.trialDays')} error={err('trialDays')} hint={plan ? t('members.sell.trialHint', { count: plan.trialDays }) : undefined}>
              {(id, d) => <input id={id} aria-describedby={d} className="num" inputMode="numeric" value={trial} onChange={(e) => setTrial(e.target.value)} />}
            </Field>
          </div>
          <Field label={t('members.sell.price')} error={err('price')} hint={plan ? t('members.sell.priceHint', { price: f.money(plan.price) }) : undefined}>
            {(id, d) => <MoneyInput id={id} describedBy={d} currency={f.currency} value={price} onChange={setPrice} />}
          </Field>
          {plan?.setupFee ? (
            <label className="check">
              <input type="checkbox" checked={waive} onChange={(e) => setWaive(e.target.checked)} />
              {t('members.sell.waiveSetupFee', { fee: f.money(plan.setupFee) })}
            </label>
          ) : null}
          <div className="form-section">
            <div className="field__label">{t('members.sell.discount')}</div>
            <Segmented
              label={t('members.sell.discount')}
              value={discount}
              options={(['none', 'percent', 'fixed'] as const).map((v) => ({ value: v, label: t(`members.sell.discountKind.${v}`) }))}
              onChange={setDiscount}
            />
            {discount !== 'none' ? (
              <div className="row row--2 discount-row">
                <Field label={discount === 'percent' ? t('members.sell.percent') : t('members.sell.amount')} error={percentWrong ? t('members.sell.percentInvalid') : err('discount.value')}>
                  {(id, d) =>
                    discount === 'percent' ? (
                      <input id={id} aria-describedby={d} className="num" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
                    ) : (
                      <MoneyInput id={id} describedBy={d} currency={f.currency} value={value} onChange={setValue} />
                    )
                  }
                </Field>
                <Field label={t('members.sell.duration')} error={err('discount.periods')}>
                  {(id, d) => (
                    <div className="input-pair">
                      <select id={id} aria-describedby={d} value={duration} onChange={(e) => setDuration(e.target.value as typeof duration)}>
                        {(['once', 'repeating', 'forever'] as const).map((v) => (
                          <option key={v} value={v}>
                            {t(`members.sell.durationKind.${v}`)}
                          </option>
                        ))}
                      </select>
                      {duration === 'repeating' ? (
                        <input
                          className="num input--tiny"
                          aria-label={t('members.sell.periods')}
                          inputMode="numeric"
                          value={periods}
                          onChange={(e) => setPeriods(e.target.value)}
                        />
                      ) : null}
                    </div>
                  )}
                </Field>
              </div>
            ) : null}
          </div>
        </>
      )}
    </ActionDialog>
  );
}
