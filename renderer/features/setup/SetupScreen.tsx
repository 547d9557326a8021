import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, Settings } from '../../../electron/contract';
import { COMMON_CURRENCIES } from '../../../electron/contract/settings';
import { errorText, fieldErrorText } from '../../app/errors';
import { Field } from '../../components/Field';
import { Banner } from '../../components/Page';
import { ApiError, invoke } from '../../lib/api';

/** First start: business name, currency, language. */
export function SetupScreen({ settings }: { settings: Settings }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState(settings.currency);
  const locale = settings.locale;

  const setLocale = useMutation({
    mutationFn: (l: Locale) => invoke('settings.setLocale', { locale: l }),
    onSuccess: (next) => {
      qc.setQueryData(['settings'], next);
      void i18n.changeLanguage(next.locale);
    },
  });
  const complete = useMutation({
    mutationFn: () => invoke('settings.completeSetup', { businessName: name, currency, locale }),
    onSuccess: (next) => qc.setQueryData(['settings'], next),
  });
  const fieldErrors = complete.error instanceof ApiError ? complete.error.fieldErrors() : {};

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
        <button type="submit" className="btn btn--primary btn--block" disabled={complete.isPending}>
          {t('setup.start')}
        </button>
      </form>
    </main>
  );
}
