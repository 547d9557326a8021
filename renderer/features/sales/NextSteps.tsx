import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckinResult, CheckoutItem, CheckoutResult } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Banner } from '../../components/Page';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { TakePaymentDialog } from '../payments/TakePaymentDialog';
import { CheckoutDialog } from './CheckoutDialog';
import { PaymentStep } from './PaymentStep';
import './sales.css';

type Open = 'pay' | 'renew' | 'dropIn' | null;

/**
 * What the desk can do when check-in refuses, on the same screen: take the overdue payment,
 * renew (sell the membership again), or sell a single visit and check the member in.
 * `onSettled` runs when a step may have changed the answer (check in again, or show the visit).
 */
export function NextSteps(props: { result: CheckinResult; onSettled: (checkedIn: boolean) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>(null);
  const m = props.result.member!;
  const payerId = m.payerId ?? m.id;
  const overdue = props.result.blocks.some((b) => b.code === 'overdue');
  const subs = useQuery({ queryKey: ['members', 'subs', m.id], queryFn: () => invoke('subscriptions.listByMember', { memberId: m.id }) });
  // Renewing sells the plan of the latest membership again (the clerk can change it in the cart).
  const last = [...(subs.data ?? [])].reverse()[0];
  const renewal: CheckoutItem[] = last ? [{ kind: 'membership', memberId: m.id, planId: last.planId }] : [];
  const close = (checkedIn: boolean) => {
    setOpen(null);
    props.onSettled(checkedIn);
  };
  return (
    <>
      <div className="next-steps" role="group" aria-label={t('sales.next.label')}>
        {overdue ? (
          <button type="button" className="btn btn--primary" onClick={() => setOpen('pay')}>
            {t('sales.next.pay')}
          </button>
        ) : null}
        <button type="button" className={`btn${overdue ? '' : ' btn--primary'}`} onClick={() => setOpen('renew')}>
          {t('sales.next.renew')}
        </button>
        <button type="button" className="btn" onClick={() => setOpen('dropIn')}>
          {t('sales.next.dropIn')}
        </button>
      </div>
      {open === 'pay' ? <TakePaymentDialog memberId={m.id} onClose={() => close(false)} /> : null}
      {open === 'renew' ? <CheckoutDialog memberId={m.id} initial={renewal} onClose={() => close(false)} /> : null}
      {open === 'dropIn' ? <DropInDialog memberId={m.id} memberName={m.name} payerId={payerId} onClose={() => setOpen(null)} onDone={() => close(true)} /> : null}
    </>
  );
}

/** A single visit (单次入场): choose the drop-in, take the money, and the member is checked in. */
function DropInDialog(props: { memberId: number; memberName: string; payerId: number; onClose: () => void; onDone: (r: CheckoutResult) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const plans = useQuery({ queryKey: ['plans', 'active'], queryFn: () => invoke('plans.list', { includeArchived: false }) });
  const dropIns = (plans.data ?? []).filter((p) => p.kind === 'dropin');
  const [chosen, setChosen] = useState<number | null>(null);
  const planId = chosen ?? dropIns[0]?.id ?? null;
  const items: CheckoutItem[] = planId === null ? [] : [{ kind: 'dropin', memberId: props.memberId, planId }];
  const preview = useQuery({
    queryKey: ['dryRun', 'checkout', props.payerId, items],
    queryFn: () => invoke('checkout.sell', { payerId: props.payerId, items, dryRun: true }),
    enabled: items.length > 0,
    retry: false,
    gcTime: 0,
  });
  const title = t('sales.dropIn.title', { name: props.memberName });
  if (!preview.data || planId === null) {
    return (
      <Dialog title={title} onClose={props.onClose}>
        {preview.error ? (
          <Banner kind="error">{errorText(t, preview.error)}</Banner>
        ) : plans.data && dropIns.length === 0 ? (
          <p>{t('sales.dropIn.none')}</p>
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )}
      </Dialog>
    );
  }
  const picker =
    dropIns.length > 1 ? (
      <Field label={t('sales.dropIn.plan')}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={planId} onChange={(e) => setChosen(Number(e.target.value))}>
            {dropIns.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} · {f.money(p.price)}
              </option>
            ))}
          </select>
        )}
      </Field>
    ) : null;
  return (
    <PaymentStep
      key={planId}
      payerId={props.payerId}
      payerName={props.memberName}
      items={items}
      preview={preview.data}
      title={title}
      extra={picker}
      confirmLabel={(amount) => t('sales.dropIn.confirm', { amount })}
      onClose={props.onClose}
      onDone={(r) => {
        toast.success(t('sales.dropIn.done', { name: props.memberName }));
        props.onDone(r);
      }}
    />
  );
}
