import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Subscription } from '../../../../electron/contract';
import { DateInput } from '../../../components/DateInput';
import { Field } from '../../../components/Field';
import { Segmented } from '../../../components/Segmented';
import { useFormat } from '../../../components/useFormat';
import { invoke } from '../../../lib/api';
import { ActionDialog, type Outcome } from '../ActionDialog';
import { optionalDate } from './inputs';

/** Move to another plan: upgrades now, downgrades at the period end unless chosen now; the proration is shown first. */
export function ChangePlanDialog(props: { sub: Subscription; onClose: () => void; onDone: (r: Outcome) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const plans = useQuery({ queryKey: ['plans', 'active'], queryFn: () => invoke('plans.list', { includeArchived: false }) });
  const others = (plans.data ?? []).filter((p) => p.kind === 'recurring' && p.id !== props.sub.planId);
  const [planId, setPlanId] = useState('');
  const [when, setWhen] = useState<'auto' | 'now' | 'period_end'>('auto');
  const [from, setFrom] = useState('');
  const plan = others.find((p) => String(p.id) === planId);
  const input = plan ? { id: props.sub.id, planId: plan.id, when, ...(when !== 'period_end' ? { effectiveDate: optionalDate(from) } : {}) } : null;
  return (
    <ActionDialog
      title={t('members.change.title', { plan: props.sub.planName })}
      confirmLabel={t('members.change.confirm')}
      input={input}
      previewKey="changePlan"
      run={(i, dryRun) => invoke('subscriptions.changePlan', { ...i, dryRun })}
      onClose={props.onClose}
      onDone={props.onDone}
      doneMessage={t('members.change.done', { plan: plan?.name ?? '' })}
      nothing={t('members.change.nothing')}
    >
      {(err) => (
        <>
          <Field label={t('members.change.to')} error={err('planId')} hint={t('members.change.current', { plan: props.sub.planName, price: f.money(props.sub.price) })}>
            {(id, d) => (
              <select id={id} aria-describedby={d} value={planId} onChange={(e) => setPlanId(e.target.value)} data-autofocus="">
                <option value="">{t('members.sell.choosePlan')}</option>
                {others.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} · {f.money(p.price)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="field">
            <span className="field__label">{t('members.change.when')}</span>
            <Segmented
              label={t('members.change.when')}
              value={when}
              options={(['auto', 'now', 'period_end'] as const).map((v) => ({ value: v, label: t(`members.change.whenKind.${v}`) }))}
              onChange={setWhen}
            />
          </div>
          {when !== 'period_end' ? (
            <Field label={t('members.change.from')} error={err('effectiveDate')} hint={t('members.change.fromHint')}>
              {(id, d) => <DateInput id={id} describedBy={d} value={from} onChange={setFrom} />}
            </Field>
          ) : null}
        </>
      )}
    </ActionDialog>
  );
}
