import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus, Locale, Settings } from '../../../electron/contract';
import { COMMON_CURRENCIES } from '../../../shared/lists';
import { errorText, fieldErrorText } from '../../app/errors';
import { Field } from '../../components/Field';
import { Banner } from '../../components/Page';
import { ApiError, invoke } from '../../lib/api';
import { AUTH_KEY } from '../staff/useAuth';
import { DemoOffer } from '../demo/Demo';

/** First start: business name, currency, language, and the owner's account (name and PIN). */
export function SetupScreen({ settings, auth }: { settings: Settings; auth: AuthStatus }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState(settings.currency);
  const [owner, setOwner] = useState({ name: '', pin: '', repeat: '' });
  const [ownerErrors, setOwnerErrors] = useState<Record<string, string>>({});
  const locale = settings.locale;
  const needsBusiness = !settings.setupCompleted;
  const needsOwner = !auth.staffExists;

  const setLocale = useMutation({
    mutationFn: (l: Locale) => invoke('settings.setLocale', { locale: l }),
    onSuccess: (next) => {
      qc.setQueryData(['settings'], next);
      void i18n.changeLanguage(next.locale);
    },
  });
  // The business first (its errors show first), then the owner, who is signed in on creation.
  const complete = useMutation({
    mutationFn: async () => {
      if (needsBusiness) qc.setQueryData(['settings'], await invoke('settings.completeSetup', { businessName: name, currency, locale }));
      if (!needsOwner) return;
      const local: Record<string, string> = {};
      if (owner.pin !== owner.repeat) local['repeat'] = 'mismatch';
      setOwnerErrors(local);
      if (Object.keys(local).length) return;
      await invoke('staff.createOwner', { name: owner.name, pin: owner.pin });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: AUTH_KEY }),
  });
  const fieldErrors = complete.error instanceof ApiError ? complete.error.fieldErrors() : {};
  // createOwner's `name` is the owner's; completeSetup's fields are the business's.
  const ownerField = (key: 'name' | 'pin') => (complete.error instanceof ApiError && !needsBusiness ? fieldErrorText(t, fieldErrors[key]) : undefined);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    complete.mutate();
  }

  return (
    <main className="setup">
      <form className="setup__card" onSubmit={onSubmit} noValidate aria-label={t('setup.welcome')}>
        <div className="setup__brand" aria-hidden="true">
          S
        </div>
        <h1>{t('setup.welcome')}</h1>
        <p className="muted">{t('setup.intro')}</p>
        {complete.isError && !Object.keys(fieldErrors).length ? <Banner kind="error">{errorText(t, complete.error)}</Banner> : null}
        <Field label={t('setup.language')}>
          {(id) => (
            <select id={id} value={locale} onChange={(e) => setLocale.mutate(e.target.value as Locale)}>
              <option value="en">English</option>
              <option value="zh-CN">简体中文</option>
            </select>
          )}
        </Field>
        {needsBusiness ? (
          <>
            <Field label={t('setup.businessName')} error={fieldErrorText(t, fieldErrors['businessName'])}>
              {(id, d) => (
                <input
                  id={id}
                  aria-describedby={d}
                  autoFocus
                  placeholder={t('setup.businessNamePlaceholder')}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                />
              )}
            </Field>
            <Field label={t('setup.currency')} error={fieldErrorText(t, fieldErrors['currency'])}>
              {(id, d) => (
                <select id={id} aria-describedby={d} value={currency} onChange={(e) => setCurrency(e.target.value)}>
                  {COMMON_CURRENCIES.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        ) : null}
        {needsOwner ? (
          <fieldset className="setup__owner">
            <legend>{t('staff.owner.heading')}</legend>
            <p className="muted setup__owner-hint">{t('staff.owner.hint')}</p>
            <Field label={t('staff.owner.name')} error={ownerField('name')}>
              {(id, d) => (
                <input
                  id={id}
                  aria-describedby={d}
                  autoFocus={!needsBusiness}
                  placeholder={t('staff.owner.namePlaceholder')}
                  value={owner.name}
                  onChange={(e) => setOwner((o) => ({ ...o, name: e.target.value }))}
                />
              )}
            </Field>
            <div className="row setup__pins">
              <Field label={t('staff.owner.pin')} error={ownerField('pin')}>
                {(id, d) => (
                  <input
                    id={id}
                    aria-describedby={d}
                    type="password"
                    inputMode="numeric"
                    autoComplete="new-password"
                    maxLength={8}
                    value={owner.pin}
                    onChange={(e) => setOwner((o) => ({ ...o, pin: e.target.value.replace(/\D/g, '') }))}
                  />
                )}
              </Field>
              <Field label={t('staff.owner.pinRepeat')} error={ownerErrors['repeat'] ? t('staff.owner.mismatch') : undefined}>
                {(id, d) => (
                  <input
                    id={id}
                    aria-describedby={d}
                    type="password"
                    inputMode="numeric"
                    autoComplete="new-password"
                    maxLength={8}
                    value={owner.repeat}
                    onChange={(e) => setOwner((o) => ({ ...o, repeat: e.target.value.replace(/\D/g, '') }))}
                  />
                )}
              </Field>
            </div>
          </fieldset>
        ) : null}
        <button type="submit" className="btn btn--primary btn--block" disabled={complete.isPending}>
          {t('setup.start')}
        </button>
      </form>
      <DemoOffer />
    </main>
  );
}
