import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckoutItem, CheckoutResult } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { MoneyInput } from '../../components/MoneyInput';
import { textToMinor } from '../../components/moneyText';
import { Banner } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { addonTargets, draftToItem, emptyAdd, plansFor, type AddDraft, type AddKind, type CartLine } from './cart';
import { CheckoutPreview } from './CheckoutPreview';
import { PromotionPick } from '../promotions/PromotionPick';
import { PaymentStep, SaleDone } from './PaymentStep';
import '../members/desk.css';
import './sales.css';

const KINDS: AddKind[] = ['membership', 'pack', 'dropin', 'addon', 'topup'];

/**
 * The desk's cart for one payer: add memberships (for the payer or the members it pays for),
 * packs, add-ons, drop-ins and a top-up; see one preview (the engine's dry run); then take one
 * payment. Everything lands on one invoice dated today. Mount it to open it.
 */
export function CheckoutDialog(props: { memberId: number; initial?: CheckoutItem[] | undefined; onClose: () => void; onDone?: (r: CheckoutResult) => void }) {
  const { t } = useTranslation();
  const me = useQuery({ queryKey: ['members', 'profile', props.memberId], queryFn: () => invoke('members.profile', { id: props.memberId }) });
  const payerId = me.data ? (me.data.member.payerId ?? me.data.member.id) : null;
  const payer = useQuery({ queryKey: ['members', 'profile', payerId], queryFn: () => invoke('members.profile', { id: payerId! }), enabled: payerId !== null });
  if (!payer.data || payerId === null) {
    return (
      <Dialog title={t('sales.open')} onClose={props.onClose}>
        {me.error || payer.error ? <Banner kind="error">{errorText(t, me.error ?? payer.error)}</Banner> : <p className="muted">{t('common.loading')}</p>}
      </Dialog>
    );
  }
  const people = [{ id: payer.data.member.id, name: payer.data.member.name }, ...payer.data.dependants.map((d) => ({ id: d.id, name: d.name }))];
  return <Cart {...props} payerId={payerId} payerName={payer.data.member.name} people={people} />;
}

type Step = { at: 'cart' } | { at: 'pay' } | { at: 'done'; result: CheckoutResult };

function Cart(props: {
  memberId: number;
  payerId: number;
  payerName: string;
  people: { id: number; name: string }[];
  initial?: CheckoutItem[] | undefined;
  onClose: () => void;
  onDone?: (r: CheckoutResult) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const nextKey = useRef((props.initial?.length ?? 0) + 1);
  const nameOf = (id: number) => props.people.find((p) => p.id === id)?.name ?? `#${id}`;
  const plans = useQuery({ queryKey: ['plans', 'active'], queryFn: () => invoke('plans.list', { includeArchived: false }) });
  const campaigns = useQuery({ queryKey: ['campaigns', 'live'], queryFn: () => invoke('campaigns.list', { includeArchived: false }) });
  // Items the screen opened with (a renewal from check-in).
  const [lines, setLines] = useState<CartLine[]>(() => (props.initial ?? []).map((item, i) => ({ key: i + 1, item })));
  const [step, setStep] = useState<Step>({ at: 'cart' });
  const items = useMemo(() => lines.map((l) => l.item), [lines]);

  function label(item: CheckoutItem): string {
    if (item.kind === 'topup') return t('sales.cart.topup', { amount: f.money(item.amount) });
    if (item.kind === 'addon') return `${t('sales.kind.addon')} · ${item.name} · ${f.money(item.price)}`;
    const plan = plans.data?.find((p) => p.id === item.planId);
    const base = `${nameOf(item.memberId)} · ${t(`sales.kind.${item.kind}`)} · ${plan?.name ?? ''}`;
    if (item.kind !== 'membership' || (item.promotionId === undefined && item.promotionCode === undefined)) return base;
    const promo = item.promotionCode ?? campaigns.data?.find((p) => p.id === item.promotionId)?.name ?? '';
    return `${base} · ${t('promotions.sale.cartTag', { name: promo })}`;
  }
  function add(item: CheckoutItem) {
    setLines((ls) => [...ls, { key: nextKey.current++, item }]);
  }

  const preview = useQuery({
    queryKey: ['dryRun', 'checkout', props.payerId, items],
    queryFn: () => invoke('checkout.sell', { payerId: props.payerId, items, dryRun: true }),
    enabled: items.length > 0,
    retry: false,
    gcTime: 0,
    placeholderData: keepPreviousData,
  });
  const ready = items.length > 0 && preview.isSuccess && !preview.isPlaceholderData && !preview.isFetching;
  const hasTopUp = items.some((i) => i.kind === 'topup');
  const billLater = useMutation({
    mutationFn: () => invoke('checkout.sell', { payerId: props.payerId, items }),
    onSuccess: (r) => finish(r),
  });
  function finish(r: CheckoutResult) {
    void qc.invalidateQueries();
    setStep({ at: 'done', result: r });
    props.onDone?.(r);
  }

  if (step.at === 'done') return <SaleDone result={step.result} nameOf={nameOf} onClose={props.onClose} />;
  if (step.at === 'pay' && preview.data) {
    return <PaymentStep payerId={props.payerId} payerName={props.payerName} items={items} preview={preview.data} onBack={() => setStep({ at: 'cart' })} onClose={props.onClose} onDone={finish} />;
  }
  return (
    <Dialog
      title={t('sales.title', { payer: props.payerName })}
      onClose={props.onClose}
      onSubmit={() => ready && setStep({ at: 'pay' })}
      busy={billLater.isPending}
      size="large"
      footer={
        <>
          <button type="button" className="btn" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          {!hasTopUp ? (
            <button type="button" className="btn" disabled={!ready || billLater.isPending} onClick={() => billLater.mutate()}>
              {t('sales.pay.later')}
            </button>
          ) : null}
          <button type="submit" className="btn btn--primary" disabled={!ready}>
            {t('sales.pay.next')}
          </button>
        </>
      }
    >
      <p className="dialog__note">{t('sales.forPayer', { payer: props.payerName })}</p>
      {billLater.isError ? <Banner kind="error">{errorText(t, billLater.error)}</Banner> : null}
      <div className="action-layout">
        <div className="action-layout__form">
          <AddForm people={props.people} memberId={props.memberId} plans={plans.data} onAdd={add} />
          <CartList lines={lines} label={label} onRemove={(key) => setLines((ls) => ls.filter((l) => l.key !== key))} />
        </div>
        <div className="action-layout__preview">
          <h3 className="form-section__title">{t('sales.preview.title')}</h3>
          {items.length === 0 ? (
            <div className="preview preview--empty">{t('sales.preview.fillIn')}</div>
          ) : preview.isError ? (
            <Banner kind="error">{errorText(t, preview.error)}</Banner>
          ) : preview.data ? (
            <div aria-busy={!ready}>
              <CheckoutPreview result={preview.data} />
            </div>
          ) : (
            <div className="preview preview--empty">{t('common.loading')}</div>
          )}
        </div>
      </div>
    </Dialog>
  );
}

function CartList(props: { lines: CartLine[]; label: (item: CheckoutItem) => string; onRemove: (key: number) => void }) {
  const { t } = useTranslation();
  return (
    <div className="cart" role="region" aria-label={t('sales.cart.title')}>
      <h3 className="form-section__title">{t('sales.cart.title')}</h3>
      {props.lines.length === 0 ? <p className="muted">{t('sales.cart.empty')}</p> : null}
      <ul className="cart__list">
        {props.lines.map((l) => (
          <li key={l.key} className="cart__line">
            <span className="cart__label">{props.label(l.item)}</span>
            <button type="button" className="btn btn--small" aria-label={t('sales.cart.removeItem', { item: props.label(l.item) })} onClick={() => props.onRemove(l.key)}>
              {t('sales.cart.remove')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One item at a time: its kind, whom it is for, and its plan or amount; Enter adds it. */
function AddForm(props: { people: { id: number; name: string }[]; memberId: number; plans: ReturnType<typeof plansFor> | undefined; onAdd: (item: CheckoutItem) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [d, setD] = useState<AddDraft>(() => emptyAdd(props.memberId));
  const set = (patch: Partial<AddDraft>) => setD((x) => ({ ...x, ...patch }));
  const subs = useQuery({
    queryKey: ['members', 'subs', d.memberId],
    queryFn: () => invoke('subscriptions.listByMember', { memberId: d.memberId! }),
    enabled: d.kind === 'addon' && d.memberId !== null,
  });
  const promotions = useQuery({ queryKey: ['promotions', false], queryFn: () => invoke('promotions.list', { includeInactive: false }), enabled: d.kind === 'topup' });
  const item = draftToItem(d, (text) => textToMinor(text, f.currency));
  const choices = plansFor(d.kind, props.plans);
  const targets = addonTargets(subs.data);

  function submit() {
    if (!item) return;
    props.onAdd(item);
    setD((x) => ({ ...emptyAdd(x.memberId), kind: x.kind }));
  }
  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'Enter' || (e.target as HTMLElement).tagName === 'BUTTON') return;
    e.preventDefault();
    e.stopPropagation();
    submit();
  }

  return (
    <div className="form-section cart-add" onKeyDown={onKeyDown}>
      <h3 className="form-section__title">{t('sales.add.title')}</h3>
      <Segmented label={t('sales.add.kind')} value={d.kind} options={KINDS.map((k) => ({ value: k, label: t(`sales.kind.${k}`) }))} onChange={(kind) => set({ kind, planId: '', price: '', campaign: null })} />
      {d.kind !== 'topup' ? (
        <Field label={t('sales.add.who')}>
          {(id, hint) => (
            <select id={id} aria-describedby={hint} value={d.memberId ?? ''} onChange={(e) => set({ memberId: Number(e.target.value), subscriptionId: '' })}>
              {props.people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {d.kind === 'membership' || d.kind === 'pack' || d.kind === 'dropin' ? (
        // The plan on its own line: at 1280 px a half-width select cut the price off its option.
        <>
          <Field label={t('sales.add.plan')}>
            {(id, hint) => (
              <select id={id} aria-describedby={hint} value={d.planId} onChange={(e) => set({ planId: e.target.value, campaign: null })}>
                <option value="">{t('sales.add.choosePlan')}</option>
                {choices.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} · {f.money(p.price)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('sales.add.price')} hint={t('sales.add.priceHint')}>
            {(id, hint) => <MoneyInput id={id} describedBy={hint} currency={f.currency} value={d.price} onChange={(v) => set({ price: v })} />}
          </Field>
        </>
      ) : null}
      {d.kind === 'membership' && d.planId !== '' ? <PromotionPick key={d.planId} planId={Number(d.planId)} value={d.campaign} onChange={(campaign) => set({ campaign })} /> : null}
      {d.kind === 'addon' ? (
        <>
          <Field label={t('sales.add.membership')} hint={subs.data && targets.length === 0 ? t('sales.add.noMemberships', { name: props.people.find((p) => p.id === d.memberId)?.name ?? '' }) : undefined}>
            {(id, hint) => (
              <select id={id} aria-describedby={hint} value={d.subscriptionId} onChange={(e) => set({ subscriptionId: e.target.value })}>
                <option value="">{t('sales.add.chooseMembership')}</option>
                {targets.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.planName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="row row--2">
            <Field label={t('sales.add.name')}>{(id, hint) => <input id={id} aria-describedby={hint} value={d.name} onChange={(e) => set({ name: e.target.value })} />}</Field>
            <Field label={t('sales.add.price')}>
              {(id, hint) => <MoneyInput id={id} describedBy={hint} currency={f.currency} value={d.price} onChange={(v) => set({ price: v })} />}
            </Field>
          </div>
          <AddonPresets onPick={(name) => set({ name })} />
        </>
      ) : null}
      {d.kind === 'topup' ? (
        <div className="row row--2">
          <Field label={t('sales.add.amount')}>
            {(id, hint) => <MoneyInput id={id} describedBy={hint} currency={f.currency} value={d.amount} onChange={(v) => set({ amount: v })} />}
          </Field>
          <Field label={t('sales.add.promotion')}>
            {(id, hint) => (
              <select id={id} aria-describedby={hint} value={d.promotionId} onChange={(e) => set({ promotionId: e.target.value })}>
                <option value="">{t('sales.add.noPromotion')}</option>
                {(promotions.data ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      ) : null}
      <button type="button" className="btn" disabled={!item} onClick={submit}>
        + {t('sales.add.button')}
      </button>
    </div>
  );
}

/** Locker, towel, PT slot: one click fills the name. */
export function AddonPresets(props: { onPick: (name: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="chips" role="group" aria-label={t('sales.addons.presets')}>
      {(['locker', 'towel', 'pt'] as const).map((k) => (
        <button key={k} type="button" className="btn btn--small" onClick={() => props.onPick(t(`sales.addons.preset.${k}`))}>
          {t(`sales.addons.preset.${k}`)}
        </button>
      ))}
    </div>
  );
}
