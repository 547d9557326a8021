import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../../components/DateInput';
import { Field } from '../../../components/Field';
import { MoneyInput } from '../../../components/MoneyInput';
import { useFormat } from '../../../components/useFormat';
import { invoke } from '../../../lib/api';
import { ActionDialog, type Outcome } from '../ActionDialog';
import { optionalDate, optionalMoney } from './inputs';

/** Sell a session pack (次卡 / 课时包), with its invoice shown before confirming. */
export function SellPackDialog(props: { memberId: number; memberName: string; onClose: () => void; onDone: (r: Outcome) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const plans = useQuery({ queryKey: ['plans', 'active'], queryFn: () => invoke('plans.list', { includeArchived: false }) });
  const packs = (plans.data ?? []).filter((p) => p.kind === 'pack');
  const [planId, setPlanId] = useState('');
  const [start, setStart] = useState('');
  const [price, setPrice] = useState('');
  const plan = packs.find((p) => String(p.id) === planId);
  const input = plan ? { memberId: props.memberId, planId: plan.id, startDate: optionalDate(start), price: optionalMoney(price, f.currency) } : null;

  return (
    <ActionDialog
      title={t('members.sellPack.title', { name: props.memberName })}
      confirmLabel={t('members.sellPack.confirm')}
      input={input}
      previewKey="sellPack"
      run={async (i, dryRun) => ({ ...(await invoke('packs.sell', { ...i, dryRun })), creditNotes: [] })}
      onClose={props.onClose}
      onDone={props.onDone}
      doneMessage={t('members.sellPack.done', { plan: plan?.name ?? '' })}
    >
      {(err) => (
        <>
          <Field label={t('members.sellPack.pack')} error={err('planId')}>
            {(id, d) => (
              <select id={id} aria-describedby={d} value={planId} onChange={(e) => setPlanId(e.target.value)} data-autofocus="">
                <option value="">{t('members.sellPack.choose')}</option>
                {packs.map((p) => (
                  <option key={p.id} value={p.id}>
                    {t('members.sellPack.option', { name: p.name, sessions: p.packSessions, days: p.packValidDays, price: f.money(p.price) })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('members.sell.startDate')} error={err('startDate')} hint={t('members.sell.startHint')}>
            {(id, d) => <DateInput id={id} describedBy={d} value={start} onChange={setStart} />}
          </Field>
          <Field label={t('members.sell.price')} error={err('price')} hint={plan ? t('members.sell.priceHint', { price: f.money(plan.price) }) : undefined}>
            {(id, d) => <MoneyInput id={id} describedBy={d} currency={f.currency} value={price} onChange={setPrice} />}
          </Field>
        </>
      )}
    </ActionDialog>
  );
}
