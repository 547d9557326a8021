import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSettings } from '../../../electron/contract/documents';
import type { TopUpPromotion } from '../../../electron/contract/payments';
import { errorText, fieldErrorText } from '../../app/errors';
import { Field } from '../../components/Field';
import { MoneyInput } from '../../components/MoneyInput';
import { textToMinor } from '../../components/moneyText';
import { Banner, Card } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';
import { useCanCall } from '../staff/useCanCall';
import { methodLabel, useMethods } from './money';

/** The money set-up: payment methods, top-up promotions (manager), receipts and printing (owner). */
export function SetupTab() {
  return (
    <>
      <MethodsCard />
      <PromotionsCard />
      <PrintingCard />
    </>
  );
}

function MethodsCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const methods = useMethods(true);
  const [name, setName] = useState('');
  const [isCash, setIsCash] = useState(false);
  const done = () => void qc.invalidateQueries({ queryKey: ['paymentMethods'] });
  const update = useMutation({
    mutationFn: (v: { code: string; active: boolean }) => invoke('paymentMethods.update', v),
    onSuccess: done,
    onError: (e) => toast.error(errorText(t, e)),
  });
  const create = useMutation({
    mutationFn: () => invoke('paymentMethods.create', { name, isCash }),
    onSuccess: () => {
      done();
      setName('');
      setIsCash(false);
    },
  });
  const issues = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  return (
    <Card title={t('payments.setup.methods')}>
      <p className="card__lead muted">{t('payments.setup.methodsLead')}</p>
      <ul className="setup__list">
        {(methods.data ?? []).map((m) => (
          <li key={m.code}>
            <label className="check">
              <input type="checkbox" checked={m.active} disabled={update.isPending} onChange={() => update.mutate({ code: m.code, active: !m.active })} />
              <span>{methodLabel(t, m.code, methods.data)}</span>
            </label>
            {m.isCash ? <span className="badge badge--green">{t('payments.setup.cash')}</span> : null}
          </li>
        ))}
      </ul>
      <form
        className="setup__add"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        {create.error && !issues['name'] ? <Banner kind="error">{errorText(t, create.error)}</Banner> : null}
        <Field label={t('payments.setup.newMethod')} error={fieldErrorText(t, issues['name'])}>
          {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <label className="check">
          <input type="checkbox" checked={isCash} onChange={(e) => setIsCash(e.target.checked)} />
          {t('payments.setup.countsAsCash')}
        </label>
        <button type="submit" className="btn" disabled={create.isPending}>
          {t('payments.setup.add')}
        </button>
      </form>
    </Card>
  );
}

function PromotionsCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['promotions', 'all'], queryFn: () => invoke('promotions.list', { includeInactive: true }) });
  const [draft, setDraft] = useState({ name: '', min: '', bonus: '' });
  const done = () => void qc.invalidateQueries({ queryKey: ['promotions'] });
  const toggle = useMutation({
    mutationFn: (p: TopUpPromotion) => invoke('promotions.update', { id: p.id, name: p.name, minAmount: p.minAmount, bonus: p.bonus, active: !p.active }),
    onSuccess: done,
    onError: (e) => toast.error(errorText(t, e)),
  });
  const create = useMutation({
    mutationFn: () =>
      invoke('promotions.create', { name: draft.name, minAmount: textToMinor(draft.min, f.currency) ?? -1, bonus: textToMinor(draft.bonus, f.currency) ?? -1 }),
    onSuccess: () => {
      done();
      setDraft({ name: '', min: '', bonus: '' });
    },
  });
  const issues = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  return (
    <Card title={t('payments.setup.promotions')}>
      <p className="card__lead muted">{t('payments.setup.promotionsLead')}</p>
      {(list.data ?? []).length === 0 ? <p className="muted">{t('payments.setup.noPromotions')}</p> : null}
      <ul className="setup__list">
        {(list.data ?? []).map((p) => (
          <li key={p.id}>
            <label className="check">
              <input type="checkbox" checked={p.active} disabled={toggle.isPending} onChange={() => toggle.mutate(p)} />
              <span className="cell-strong">{p.name}</span>
            </label>
            <span className="muted">{t('payments.setup.promotionTerms', { min: f.money(p.minAmount), bonus: f.money(p.bonus) })}</span>
          </li>
        ))}
      </ul>
      <form
        className="setup__add"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field label={t('payments.setup.promotionName')} error={fieldErrorText(t, issues['name'])}>
          {(id, d) => <input id={id} aria-describedby={d} value={draft.name} placeholder={t('payments.setup.promotionNamePlaceholder')} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
        </Field>
        <Field label={t('payments.setup.minAmount')} error={fieldErrorText(t, issues['minAmount'])}>
          {(id, d) => <MoneyInput id={id} describedBy={d} currency={f.currency} value={draft.min} onChange={(v) => setDraft({ ...draft, min: v })} />}
        </Field>
        <Field label={t('payments.setup.bonus')} error={fieldErrorText(t, issues['bonus'])}>
          {(id, d) => <MoneyInput id={id} describedBy={d} currency={f.currency} value={draft.bonus} onChange={(v) => setDraft({ ...draft, bonus: v })} />}
        </Field>
        <button type="submit" className="btn" disabled={create.isPending}>
          {t('payments.setup.add')}
        </button>
      </form>
    </Card>
  );
}

const MAX_LOGO_BYTES = 500 * 1024;

function PrintingCard() {
  const settings = useQuery({ queryKey: ['documents', 'settings'], queryFn: () => invoke('documents.settings', {}) });
  if (!settings.data) return null;
  return <PrintingForm initial={settings.data} />;
}

function PrintingForm({ initial }: { initial: DocumentSettings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const owner = useCanCall('documents.updateSettings');
  const printers = useQuery({ queryKey: ['documents', 'printers'], queryFn: () => invoke('documents.printers', {}), staleTime: 60_000 });
  const [draft, setDraft] = useState(initial);
  const [logoError, setLogoError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => invoke('documents.updateSettings', draft),
    onSuccess: (next) => {
      qc.setQueryData(['documents', 'settings'], next);
      toast.success(t('payments.setup.saved'));
    },
  });
  const issues = save.error instanceof ApiError ? save.error.fieldErrors() : {};

  function onLogo(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setLogoError(null);
    if (!file) return;
    if (file.size > MAX_LOGO_BYTES) {
      setLogoError(t('validation.logo_too_large'));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => setDraft((d) => ({ ...d, logo: String(reader.result) }));
    reader.readAsDataURL(file);
  }

  const known = printers.data ?? [];
  return (
    <Card title={t('payments.setup.printing')}>
      <p className="card__lead muted">{t(owner ? 'payments.setup.printingLead' : 'payments.setup.ownerOnly')}</p>
      {save.error && !Object.keys(issues).length ? <Banner kind="error">{errorText(t, save.error)}</Banner> : null}
      <fieldset className="setup__fields" disabled={!owner}>
        <div className="row row--2">
          <Field label={t('payments.setup.logo')} error={logoError ?? fieldErrorText(t, issues['logo'])}>
            {(id, d) => (
              <div className="setup__logo">
                {draft.logo ? <img src={draft.logo} alt="" /> : null}
                {/* The native file button speaks the browser's language; this label speaks the clerk's. */}
                <input id={id} aria-describedby={d} className="sr-only" type="file" accept="image/png,image/jpeg,image/gif,image/webp" onChange={onLogo} />
                <label htmlFor={id} className="btn btn--small setup__pick" aria-hidden="true">
                  {t('payments.setup.chooseLogo')}
                </label>
                {draft.logo ? (
                  <button type="button" className="btn btn--small" onClick={() => setDraft({ ...draft, logo: '' })}>
                    {t('payments.setup.removeLogo')}
                  </button>
                ) : null}
              </div>
            )}
          </Field>
          <Field label={t('payments.setup.width')}>
            {() => (
              <Segmented
                label={t('payments.setup.width')}
                value={String(draft.receiptWidth) as '58' | '80'}
                options={[
                  { value: '58', label: '58 mm' },
                  { value: '80', label: '80 mm' },
                ]}
                onChange={(v) => setDraft({ ...draft, receiptWidth: v === '58' ? 58 : 80 })}
                disabled={!owner}
              />
            )}
          </Field>
        </div>
        <div className="row row--2">
          <Field label={t('payments.setup.printer')} hint={t('payments.setup.printerHint')} error={fieldErrorText(t, issues['receiptPrinter'])}>
            {(id, d) =>
              known.length ? (
                <select id={id} aria-describedby={d} value={draft.receiptPrinter} onChange={(e) => setDraft({ ...draft, receiptPrinter: e.target.value })}>
                  <option value="">{t('payments.setup.askEachTime')}</option>
                  {[...new Set([draft.receiptPrinter, ...known].filter(Boolean))].map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
              ) : (
                <input id={id} aria-describedby={d} value={draft.receiptPrinter} onChange={(e) => setDraft({ ...draft, receiptPrinter: e.target.value })} />
              )
            }
          </Field>
          <Field label={t('payments.setup.footer')} error={fieldErrorText(t, issues['receiptFooter'])}>
            {(id, d) => <input id={id} aria-describedby={d} value={draft.receiptFooter} placeholder={t('payments.setup.footerPlaceholder')} onChange={(e) => setDraft({ ...draft, receiptFooter: e.target.value })} />}
          </Field>
        </div>
        <label className="check check--under">
          <input type="checkbox" checked={draft.silentReceipts} onChange={(e) => setDraft({ ...draft, silentReceipts: e.target.checked })} />
          {t('payments.setup.silent')}
        </label>
      </fieldset>
      {owner ? (
        <div className="form-actions">
          <button type="button" className="btn btn--primary" data-channel="documents.updateSettings" disabled={save.isPending} onClick={() => save.mutate()}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      ) : null}
    </Card>
  );
}
