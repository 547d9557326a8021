import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, Settings } from '../../../electron/contract';
import { formatDocumentNumber } from '../../../shared/numbering';
import { errorText, fieldErrorText } from '../../app/errors';
import { Field } from '../../components/Field';
import { Banner, Card, Page } from '../../components/Page';
import { ApiError, invoke } from '../../lib/api';
import { bpToPercentText, currencyLabel, minorDigits, parseMoney, parsePercentToBp } from '../../lib/format';
import { COMMON_CURRENCIES, FREEZE_MODES, type FreezeMode } from '../../../shared/lists';
import { BackupsSection } from '../backup/BackupsSection';
import { FollowUpRulesCard } from './FollowUpRulesCard';
import { DevicesCard } from '../site/DevicesCard';

/** The number fields, held as the text the owner types until the form is sent. */
const TEXT_KEYS = [
  'paymentTermsDays',
  'catchUpMaxDays',
  'catchUpMaxInvoices',
  'lateFee',
  'lateFeeAfterDays',
  'overdueBlockDays',
  'freezeDefaultDays',
] as const;
type TextKey = (typeof TEXT_KEYS)[number];

type Draft = Omit<Settings, 'setupCompleted' | 'defaultTaxRateBp' | 'householdDiscountBp' | 'locale' | TextKey> & {
  taxRate: string;
  householdDiscount: string;
} & Record<TextKey, string>;

/** A whole number typed in a field, or -1 (the server then names the field out of range). */
const wholeOr = (s: string) => (/^\d{1,7}$/.test(s.trim()) ? Number(s) : -1);

/** Minor units as the owner would type them ("25.00"). */
const moneyText = (minor: number, currency: string) => {
  const digits = minorDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
};

function toDraft(s: Settings): Draft {
  const { setupCompleted: _done, defaultTaxRateBp, householdDiscountBp, locale: _l, ...rest } = s;
  const text = Object.fromEntries(TEXT_KEYS.map((k) => [k, String(s[k])])) as Record<TextKey, string>;
  return {
    ...rest,
    ...text,
    lateFee: moneyText(s.lateFee, s.currency),
    taxRate: bpToPercentText(defaultTaxRateBp),
    householdDiscount: bpToPercentText(householdDiscountBp),
  };
}

/** The draft as settings; a value that does not parse goes as -1, so the server names its field. */
function fromDraft(draft: Draft) {
  const { taxRate, householdDiscount, ...rest } = draft;
  const whole = Object.fromEntries(TEXT_KEYS.map((k) => [k, wholeOr(draft[k])])) as Record<TextKey, number>;
  return {
    ...rest,
    ...whole,
    lateFee: parseMoney(draft.lateFee.trim(), draft.currency) ?? -1,
    defaultTaxRateBp: parsePercentToBp(taxRate) ?? -1,
    householdDiscountBp: parsePercentToBp(householdDiscount) ?? -1,
  };
}

export function SettingsScreen() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => invoke('settings.get', {}) });
  const zones = useQuery({ queryKey: ['timeZones'], queryFn: () => invoke('settings.timeZones', {}), staleTime: Infinity });
  if (!settings.data) return <Page title={t('settings.title')}>{t('common.loading')}</Page>;
  return <SettingsForm initial={settings.data} zones={zones.data ?? []} />;
}

function SettingsForm({ initial, zones }: { initial: Settings; zones: string[] }) {
  const info = useQuery({ queryKey: ['system', 'info'], queryFn: () => invoke('system.info', {}) });
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = useMutation({
    mutationFn: (patch: Parameters<typeof invoke<'settings.update'>>[1]) => invoke('settings.update', patch),
    onSuccess: (next) => {
      qc.setQueryData(['settings'], next);
    },
  });
  const serverErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const err = (key: string) => fieldErrorText(t, localErrors[key] ?? serverErrors[key]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    const next = fromDraft(draft);
    if (next.defaultTaxRateBp < 0 || next.defaultTaxRateBp > 10000) local['defaultTaxRateBp'] = 'out_of_range';
    if (next.paymentTermsDays < 0) local['paymentTermsDays'] = 'out_of_range';
    setLocalErrors(local);
    if (Object.keys(local).length) return;
    // Send only what the owner changed here, so a language switched in the header meanwhile is kept.
    const patch = Object.fromEntries(
      Object.entries(next).filter(([k, v]) => JSON.stringify(initial[k as keyof Settings]) !== JSON.stringify(v)),
    ) as Partial<typeof next>;
    save.mutate(patch);
  }

  // The business's today (its time zone, the host's clock), not the PC's UTC date.
  const today = info.data?.today ?? '';
  const example = (format: string) => {
    if (!today) return format;
    try {
      return formatDocumentNumber(format, today, 1);
    } catch {
      return format;
    }
  };
  const zoneOptions = zones.includes(draft.timeZone) ? zones : [draft.timeZone, ...zones];

  return (
    <Page title={t('settings.title')} subtitle={t('settings.subtitle')}>
      <form className="form-grid" onSubmit={onSubmit} noValidate aria-label={t('settings.title')}>
        {save.isError ? <Banner kind="error">{errorText(t, save.error)}</Banner> : null}
        {save.isSuccess ? <Banner kind="success">{t('settings.savedMessage')}</Banner> : null}
        <Card title={t('settings.sections.business')}>
          <Field label={t('settings.businessName')} error={err('businessName')}>
            {(id, d) => <input id={id} aria-describedby={d} value={draft.businessName} onChange={(e) => set('businessName', e.target.value)} />}
          </Field>
          <Field label={t('settings.address')} error={err('address')}>
            {(id, d) => <input id={id} aria-describedby={d} value={draft.address} onChange={(e) => set('address', e.target.value)} />}
          </Field>
          <div className="row">
            <Field label={t('settings.phone')} error={err('phone')}>
              {(id, d) => <input id={id} aria-describedby={d} value={draft.phone} onChange={(e) => set('phone', e.target.value)} />}
            </Field>
            <Field label={t('settings.taxId')} error={err('taxId')}>
              {(id, d) => <input id={id} aria-describedby={d} value={draft.taxId} onChange={(e) => set('taxId', e.target.value)} />}
            </Field>
          </div>
        </Card>
        <Card title={t('settings.sections.money')}>
          <div className="row">
            <Field label={t('settings.currency')} error={err('currency')}>
              {(id, d) => (
                <select id={id} aria-describedby={d} value={draft.currency} onChange={(e) => set('currency', e.target.value)}>
                  {[...new Set([draft.currency, ...COMMON_CURRENCIES])].map((c) => (
                    <option key={c} value={c}>
                      {currencyLabel(c, i18n.language)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('settings.defaultTaxRate')} error={err('defaultTaxRateBp')}>
              {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={draft.taxRate} onChange={(e) => set('taxRate', e.target.value)} />}
            </Field>
          </div>
        </Card>
        <RulesCard draft={draft} set={set} err={err} />
        <Card title={t('settings.sections.region')}>
          <div className="row">
            <Field label={t('settings.locale')}>
              {(id) => <LocaleSelect id={id} />}
            </Field>
            <Field label={t('settings.timeZone')} error={err('timeZone')} hint={t('settings.timeZoneHint')}>
              {(id, d) => (
                <select id={id} aria-describedby={d} value={draft.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
                  {zoneOptions.map((z) => (
                    <option key={z} value={z}>
                      {z}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <div className="row">
            <Field label={t('settings.opens')} error={err('openingHours.opens')} hint={t('settings.openingHoursHint')}>
              {(id, d) => <input id={id} aria-describedby={d} type="time" className="input--short" value={draft.openingHours.opens} onChange={(e) => set('openingHours', { ...draft.openingHours, opens: e.target.value })} />}
            </Field>
            <Field label={t('settings.closes')} error={err('openingHours.closes')}>
              {(id, d) => <input id={id} aria-describedby={d} type="time" className="input--short" value={draft.openingHours.closes === '24:00' ? '00:00' : draft.openingHours.closes} onChange={(e) => set('openingHours', { ...draft.openingHours, closes: e.target.value === '00:00' ? '24:00' : e.target.value })} />}
            </Field>
          </div>
        </Card>
        <Card title={t('settings.sections.invoices')}>
          <div className="row">
            <Field label={t('settings.invoiceNumberFormat')} error={err('invoiceNumberFormat')} hint={t('settings.numberFormatHint', { example: example(draft.invoiceNumberFormat) })}>
              {(id, d) => <input id={id} aria-describedby={d} value={draft.invoiceNumberFormat} onChange={(e) => set('invoiceNumberFormat', e.target.value)} />}
            </Field>
            <Field label={t('settings.creditNoteNumberFormat')} error={err('creditNoteNumberFormat')} hint={t('settings.numberFormatHint', { example: example(draft.creditNoteNumberFormat) })}>
              {(id, d) => <input id={id} aria-describedby={d} value={draft.creditNoteNumberFormat} onChange={(e) => set('creditNoteNumberFormat', e.target.value)} />}
            </Field>
          </div>
          <p className="muted">{t('settings.catchUpHint')}</p>
          <div className="row">
            <Field label={t('settings.catchUpMaxDays')} error={err('catchUpMaxDays')}>
              {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" className="input--short" value={draft.catchUpMaxDays} onChange={(e) => set('catchUpMaxDays', e.target.value)} />}
            </Field>
            <Field label={t('settings.catchUpMaxInvoices')} error={err('catchUpMaxInvoices')}>
              {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" className="input--short" value={draft.catchUpMaxInvoices} onChange={(e) => set('catchUpMaxInvoices', e.target.value)} />}
            </Field>
          </div>
        </Card>
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" data-channel="settings.update" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
      <FollowUpRulesCard initial={initial} />
      <BackupsSection />
      <DevicesCard />
    </Page>
  );
}

/** The language applies at once, like the switch in the sidebar, and is saved on its own. */
function LocaleSelect({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const setLocale = useMutation({
    mutationFn: (locale: Locale) => invoke('settings.setLocale', { locale }),
    onSuccess: (next) => {
      qc.setQueryData(['settings'], next);
      void i18n.changeLanguage(next.locale);
    },
  });
  return (
    <select id={id} value={i18n.language} onChange={(e) => setLocale.mutate(e.target.value as Locale)}>
      <option value="en">{t('languages.en')}</option>
      <option value="zh-CN">{t('languages.zh-CN')}</option>
    </select>
  );
}

type Setter = <K extends keyof Draft>(key: K, value: Draft[K]) => void;

/** The rules the desk works by: tax mode, payment terms, overdue block, late fee, household discount, freeze defaults. */
function RulesCard({ draft, set, err }: { draft: Draft; set: Setter; err: (key: string) => string | undefined }) {
  const { t } = useTranslation();
  const short = (key: TextKey, label: string, hint?: string) => (
    <Field label={label} error={err(key)} hint={hint}>
      {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" className="input--short" value={draft[key]} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );
  return (
    <Card title={t('settings.sections.rules')} className="settings-rules">
      <p className="muted">{t('settings.rules.lead')}</p>
      <div className="row">
        {short('paymentTermsDays', t('settings.paymentTermsDays'), t('settings.rules.paymentTermsHint'))}
        {short('overdueBlockDays', t('settings.rules.overdueBlockDays'), t('settings.rules.overdueBlockHint'))}
      </div>
      <div className="row">
        <Field label={t('settings.rules.lateFee')} error={err('lateFee')} hint={t('settings.rules.lateFeeHint')}>
          {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" className="input--short" value={draft.lateFee} onChange={(e) => set('lateFee', e.target.value)} />}
        </Field>
        {short('lateFeeAfterDays', t('settings.rules.lateFeeAfterDays'), t('settings.rules.lateFeeAfterHint'))}
      </div>
      <Field label={t('settings.rules.householdDiscount')} error={err('householdDiscountBp')} hint={t('settings.rules.householdHint')}>
        {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" className="input--short" value={draft.householdDiscount} onChange={(e) => set('householdDiscount', e.target.value)} />}
      </Field>
      <div className="row">
        {short('freezeDefaultDays', t('settings.rules.freezeDefaultDays'), t('settings.rules.freezeDaysHint'))}
        <Field label={t('settings.rules.freezeDefaultMode')} error={err('freezeDefaultMode')} hint={t(`settings.rules.freezeModeHint.${draft.freezeDefaultMode}`)}>
          {(id, d) => (
            <select id={id} aria-describedby={d} value={draft.freezeDefaultMode} onChange={(e) => set('freezeDefaultMode', e.target.value as FreezeMode)}>
              {FREEZE_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`settings.rules.freezeMode.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="radio-group">
        <legend>{t('settings.taxMode')}</legend>
        <label>
          <input type="radio" name="taxMode" checked={draft.pricesIncludeTax} onChange={() => set('pricesIncludeTax', true)} />
          {t('settings.taxInclusive')}
        </label>
        <label>
          <input type="radio" name="taxMode" checked={!draft.pricesIncludeTax} onChange={() => set('pricesIncludeTax', false)} />
          {t('settings.taxExclusive')}
        </label>
      </fieldset>
    </Card>
  );
}
