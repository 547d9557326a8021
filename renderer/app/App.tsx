import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SetupScreen } from '../features/setup/SetupScreen';
import { DamagedScreen } from '../features/backup/DamagedScreen';
import { showFlashMessage } from '../features/backup/reload';
import { AUTH_KEY, useAuth, useIdleLock, useSessionErrors } from '../features/staff/useAuth';
import { invoke, onEvent } from '../lib/api';
import { errorText } from './errors';
import { Desk } from './Desk';
import { DemoBanner } from '../features/demo/Demo';
import { LinkBanner } from '../features/site/LinkBanner';

export function App() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => invoke('settings.get', {}) });
  const auth = useAuth();
  const locale = settings.data?.locale;
  const signedIn = !!auth.data?.staff && !auth.data.locked;
  useSessionErrors();
  useEffect(showFlashMessage, []);
  useIdleLock(auth.data?.autoLockMinutes ?? 0, signedIn);

  // The stored locale is the truth: follow it whenever it changes (switch, settings form, other window).
  useEffect(() => {
    if (locale && i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [locale, i18n]);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  });
  // The settings (and the auto-lock minutes in the auth status) are kept until the host says they changed.
  useEffect(
    () =>
      onEvent('settings.changed', () => {
        void qc.invalidateQueries({ queryKey: ['settings'] });
        void qc.invalidateQueries({ queryKey: AUTH_KEY, exact: true });
      }),
    [qc],
  );
  // Another PC of the site saved something (a check-in, a payment): every list on screen reads again.
  useEffect(() => onEvent('data.changed', (change) => void (change.here || qc.invalidateQueries())), [qc]);

  if (settings.isError) return <div className="fatal">{errorText(t, settings.error)}</div>;
  if (auth.isError) return <div className="fatal">{errorText(t, auth.error)}</div>;
  if (!settings.data || !auth.data) return <div className="splash">{t('common.loading')}</div>;
  // A damaged data file comes first: nothing else can work until a backup is restored.
  if (auth.data.damaged) return <DamagedScreen reason={auth.data.damaged.reason} />;
  if (!settings.data.setupCompleted || !auth.data.staffExists) return <SetupScreen settings={settings.data} auth={auth.data} />;
  // The sample-data banner is a row of its own above the desk, never laid over it.
  return (
    <div className="frame">
      <DemoBanner />
      <LinkBanner />
      <Desk status={auth.data} />
    </div>
  );
}
