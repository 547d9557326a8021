import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter } from 'react-router-dom';
import { SetupScreen } from '../features/setup/SetupScreen';
import { invoke, onEvent } from '../lib/api';
import { errorText } from './errors';
import { Shell } from './Shell';

export function App() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => invoke('settings.get', {}) });
  const locale = settings.data?.locale;

  // The stored locale is the truth: follow it whenever it changes (switch, settings form, other window).
  useEffect(() => {
    if (locale && i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [locale, i18n]);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  });
  useEffect(() => onEvent('settings.changed', () => void qc.invalidateQueries({ queryKey: ['settings'] })), [qc]);

  if (settings.isError) return <div className="fatal">{errorText(t, settings.error)}</div>;
  if (!settings.data) return <div className="splash">{t('common.loading')}</div>;
  if (!settings.data.setupCompleted) return <SetupScreen settings={settings.data} />;
  return (
    <HashRouter>
      <Shell />
    </HashRouter>
  );
}
