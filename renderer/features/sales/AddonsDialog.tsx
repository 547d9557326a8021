import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Addon, Subscription } from '../../../electron/contract';
import { Field } from '../../components/Field';
import { MoneyInput } from '../../components/MoneyInput';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { parsePercentToBp } from '../../lib/format';
import { ActionDialog, type Outcome } from '../members/ActionDialog';
import { optionalMoney } from '../members/actions/inputs';
import { AddonPresets } from './CheckoutDialog';
import './sales.css';

/**
 * A membership's add-ons (locker, towel, PT slot): the ones it has, each removable from tomorrow,
 * and a form to sell one from today. Both show the engine's prorated lines before confirming.
 */
export function AddonsDialog(props: { sub: Subscription; onClose: () => void; onDone: (r: Outcome) => void }) {
  const [removing, setRemoving] = useState<Addon | null>(null);
  if (removing) return <RemoveAddon sub={props.sub} addon={removing} onClose={() => setRemoving(null)} onDone={props.onDone} />;
  return <SellAddon sub={props.sub} onRemove={setRemoving} onClose={props.onClose} onDone={props.onDone} />;
}

function SellAddon(props: { sub: Subscription; onRemove: (a: Addon) => void; onClose: () => void; onDone: (r: Outcome) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [name, setName] = useState('');
  const [price, setPrice] = useState('');
  const [tax, setTax] = useState('');
  const live = props.sub.addons.filter((a) => a.endDate === null);
  const amount = optionalMoney(price, f.currency);
  const input =
    name.trim() && amount !== undefined
      ? { id: props.sub.id, name: name.trim(), price: amount, ...(tax.trim() ? { taxRateBp: parsePercentToBp(tax) ?? -1 } : {}) }
      : null;
  return (
    <ActionDialog
      title={t('sales.addons.title', { plan: props.sub.planName })}
      confirmLabel={t('sales.addons.sellConfirm')}
      input={input}
      previewKey="addAddon"
      run={(i, dryRun) => invoke('subscriptions.addAddon', { ...i, dryRun })}
      onClose={props.onClose}
      onDone={props.onDone}
      doneMessage={t('sales.addons.sold', { name: name.trim() })}
    >
      {(err) => (
        <>
          <h3 className="form-section__title">{t('sales.addons.current')}</h3>
          {live.length === 0 ? <p className="muted">{t('sales.addons.none')}</p> : null}
          <ul className="addon-list">
            {live.map((a) => (
              <li key={a.id}>
                <span>
                  <strong>{a.name}</strong> · {t('sales.addons.perPeriod', { price: f.money(a.price) })}
                  <span className="cell-sub"> {t('sales.addons.since', { date: f.date(a.startDate) })}</span>
                </span>
                <button type="button" className="btn btn--small" aria-label={t('sales.addons.removeTitle', { name: a.name })} onClick={() => props.onRemove(a)}>
                  {t('sales.addons.remove')}
                </button>
              </li>
            ))}
          </ul>
          <h3 className="form-section__title">{t('sales.addons.sell')}</h3>
          <AddonPresets onPick={setName} />
          <div className="row row--2">
            <Field label={t('sales.addons.name')} error={err('name')}>
              {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} data-autofocus="" />}
            </Field>
            <Field label={t('sales.addons.price')} error={err('price')}>
              {(id, d) => <MoneyInput id={id} describedBy={d} currency={f.currency} value={price} onChange={setPrice} />}
            </Field>
          </div>
          <Field label={t('sales.addons.taxRate')} error={err('taxRateBp')} hint={t('sales.addons.taxHint')}>
            {(id, d) => <input id={id} aria-describedby={d} className="num" inputMode="decimal" value={tax} onChange={(e) => setTax(e.target.value)} />}
          </Field>
          <p className="muted">{t('sales.addons.noEntry')}</p>
        </>
      )}
    </ActionDialog>
  );
}

function RemoveAddon(props: { sub: Subscription; addon: Addon; onClose: () => void; onDone: (r: Outcome) => void }) {
  const { t } = useTranslation();
  return (
    <ActionDialog
      title={t('sales.addons.removeTitle', { name: props.addon.name })}
      confirmLabel={t('sales.addons.removeConfirm')}
      input={{ id: props.sub.id, addonId: props.addon.id }}
      previewKey="removeAddon"
      run={(i, dryRun) => invoke('subscriptions.removeAddon', { ...i, dryRun })}
      onClose={props.onClose}
      onDone={props.onDone}
      doneMessage={t('sales.addons.removed', { name: props.addon.name })}
      danger
    >
      {() => <p>{t('sales.addons.removeNote', { name: props.addon.name })}</p>}
    </ActionDialog>
  );
}
