import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus, Locale, Settings } from '../../../electron/contract';
import { COMMON_CURRENCIES } from '../../../shared/lists';
import { isValidPin, PIN_MAX, PIN_MIN } from '../../../shared/pin';
import { errorText, fieldErrorText } from '../../app/errors';
import { Field } from '../../components/Field';
import { Banner } from '../../components/Page';
import { ApiError, invoke } from '../../lib/api';
import { currencyLabel } from '../../lib/format';
import { AUTH_KEY } from '../staff/useAuth';
import { DemoOffer } from '../demo/Demo';
import { ConnectForm, ConnectOffer } from '../site/ConnectForm';

interface Form {
  name: string;
  currency: string;
  ownerName: string;
  pin: string;
  repeat: string;
}
type Errors = Partial<Record<keyof Form, string>>;

/** The contract's limits, checked here first so nothing is sent (or saved) while a field is wrong. */
const BUSINESS_NAME_MAX = 100;
const OWNER_NAME_MAX = 60;

function line(value: string, max: number): string | undefined {
  const v = value.trim();
  return v === '' ? 'required' : v.length > max ? 'too_long' : undefined;
}

/** Every field at once: the set-up is sent only when this finds nothing. */
function validate(f: Form, needsBusiness: boolean, needsOwner: boolean): Errors {
  const e: Errors = {};
  if (needsBusiness) e.name = line(f.name, BUSINESS_NAME_MAX);
  if (needsOwner) {
    e.ownerName = line(f.ownerName, OWNER_NAME_MAX);
    e.pin = isValidPin(f.pin) ? undefined : 'invalid_pin';
    e.repeat = f.pin === f.repeat ? undefined : 'mismatch';
  }
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v)) as Errors;
}

/**
 * First start: business name, currency, language, and the owner's account (name and PIN), saved in one
 * host call (`staff.firstStart`, one transaction) once every field is right. An older half-done set-up
 * (business saved, no owner; or the reverse) finishes with the channel for the missing half.
 */
export function SetupScreen({ settings, auth }: { settings: Settings; auth: AuthStatus }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState<Form>({ name: '', currency: settings.currency, ownerName: '', pin: '', repeat: '' });
  const [tried, setTried] = useState(false);
  const locale = settings.locale;
  const needsBusiness = !settings.setupCompleted;
  const needsOwner = !auth.staffExists;
  const set = (k: keyof Form) => (value: string) => setForm((f) => ({ ...f, [k]: value }));
  // A brand-new PC may join the site's main desk instead of starting records of its own.
  const [joining, setJoining] = useState(false);

  const setLocale = useMutation({
    mutationFn: (l: Locale) => invoke('settings.setLocale', { locale: l }),
    onSuccess: (next) => {
      qc.setQueryData(['settings'], next);
      void i18n.changeLanguage(next.locale);
    },
  });
  const complete = useMutation({
    mutationFn: async (f: Form) => {
      const business = { businessName: f.name, currency: f.currency, locale };
      if (needsBusiness && needsOwner) return (await invoke('staff.firstStart', { ...business, ownerName: f.ownerName, pin: f.pin })).settings;
      if (needsBusiness) return invoke('settings.completeSetup', business);
      await invoke('staff.createOwner', { name: f.ownerName, pin: f.pin });
      return null;
    },
    onSuccess: (next) => {
      if (next) qc.setQueryData(['settings'], next);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: AUTH_KEY }),
  });

  const local = tried ? validate(form, needsBusiness, needsOwner) : {};
  const host = complete.error instanceof ApiError ? complete.error.fieldErrors() : {};
  // The host's field names: the business's name is `businessName`; the owner's is `ownerName` (or `name` on its own channel).
  const hostError = { name: host['businessName'], currency: host['currency'], ownerName: host['ownerName'] ?? (needsBusiness ? undefined : host['name']), pin: host['pin'] };
  const error = (k: keyof Form): string | undefined => {
    const key = local[k] ?? hostError[k as keyof typeof hostError];
    if (!key) return undefined;
    return key === 'mismatch' ? t('staff.owner.mismatch') : fieldErrorText(t, key);
  };

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    complete.reset();
    if (Object.keys(validate(form, needsBusiness, needsOwner)).length) {
      // The first wrong field gets the focus once its message is on screen.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.setup__card .field--error :is(input, select)')?.focus());
      return;
    }
    complete.mutate(form);
  }

  const pinInput = (k: 'pin' | 'repeat') => (id: string, d: string | undefined) => (
    <input
      id={id}
      aria-describedby={d}
      aria-invalid={Boolean(error(k))}
      type="password"
      inputMode="numeric"
      autoComplete="new-password"
      maxLength={PIN_MAX}
      value={form[k]}
      onChange={(e) => set(k)(e.target.value.replace(/\D/g, ''))}
    />
  );

  if (joining) {
    return (
      <main className="setup setup--first">
        <ConnectForm onBack={() => setJoining(false)} />
      </main>
    );
  }
  return (
    <main className="setup setup--first">
      <form className="setup__card" onSubmit={onSubmit} noValidate aria-label={t('setup.welcome')}>
        <div className="setup__head">
          <div className="setup__brand" aria-hidden="true">
            S
          </div>
          <div>
            <h1>{t('setup.welcome')}</h1>
            <p className="muted">{t('setup.intro')}</p>
          </div>
        </div>
        {complete.isError && !Object.values(hostError).some(Boolean) ? <Banner kind="error">{errorText(t, complete.error)}</Banner> : null}
        <div className="row setup__pair">
          <Field label={t('setup.language')}>
            {(id) => (
              <select id={id} value={locale} onChange={(e) => setLocale.mutate(e.target.value as Locale)}>
                <option value="en">English</option>
                <option value="zh-CN">简体中文</option>
              </select>
            )}
          </Field>
          {needsBusiness ? (
            <Field label={t('setup.currency')} error={error('currency')}>
              {(id, d) => (
                <select id={id} aria-describedby={d} value={form.currency} onChange={(e) => set('currency')(e.target.value)}>
                  {[...new Set([form.currency, ...COMMON_CURRENCIES])].map((c) => (
                    <option key={c} value={c}>
                      {currencyLabel(c, locale)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
        </div>
        {needsBusiness ? (
          <Field label={t('setup.businessName')} error={error('name')}>
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                aria-invalid={Boolean(error('name'))}
                autoFocus
                placeholder={t('setup.businessNamePlaceholder')}
                value={form.name}
                onChange={(e) => set('name')(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        {needsOwner ? (
          <fieldset className="setup__owner">
            <legend>{t('staff.owner.heading')}</legend>
            <p className="muted setup__owner-hint">{t('staff.owner.hint')}</p>
            <Field label={t('staff.owner.name')} error={error('ownerName')}>
              {(id, d) => (
                <input
                  id={id}
                  aria-describedby={d}
                  aria-invalid={Boolean(error('ownerName'))}
                  autoFocus={!needsBusiness}
                  placeholder={t('staff.owner.namePlaceholder')}
                  value={form.ownerName}
                  onChange={(e) => set('ownerName')(e.target.value)}
                />
              )}
            </Field>
            <div className="row setup__pins">
              <Field label={t('staff.owner.pin')} hint={t('setup.pinRule', { min: PIN_MIN, max: PIN_MAX })} error={error('pin')}>
                {pinInput('pin')}
              </Field>
              <Field label={t('staff.owner.pinRepeat')} error={error('repeat')}>
                {pinInput('repeat')}
              </Field>
            </div>
          </fieldset>
        ) : null}
        <button type="submit" className="btn btn--primary btn--block" disabled={complete.isPending}>
          {t('setup.start')}
        </button>
      </form>
      <DemoOffer />
      {needsBusiness && needsOwner ? <ConnectOffer onOpen={() => setJoining(true)} /> : null}
    </main>
  );
}
