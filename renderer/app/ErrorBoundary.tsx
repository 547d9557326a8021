import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportDiagnosticsButton } from '../features/about/ExportDiagnostics';
import { reportError } from './reportErrors';

/** Any render error below shows the recovery screen instead of a blank window, and goes to the support log. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    reportError('render', error, info.componentStack?.trim().split('\n').slice(0, 6).join('\n'));
  }

  override render() {
    return this.state.error ? <RecoveryScreen error={this.state.error} /> : this.props.children;
  }
}

export function RecoveryScreen({ error }: { error: Error }) {
  const { t, i18n } = useTranslation();
  return (
    <main className="setup">
      <div className="setup__card recovery" role="alert">
        <div className="setup__brand setup__brand--danger" aria-hidden="true">
          !
        </div>
        <h1>{t('about.recovery.title')}</h1>
        <p>{t('about.recovery.intro')}</p>
        <p>{t('about.recovery.safe')}</p>
        <p className="muted">{t('about.recovery.next')}</p>
        <div className="recovery__buttons">
          <button type="button" className="btn btn--primary" onClick={() => window.location.reload()}>
            {t('about.recovery.reload')}
          </button>
          <ExportDiagnosticsButton />
        </div>
        <p className="recovery__detail muted">{t('about.recovery.detail', { message: error.message.slice(0, 300) })}</p>
        {/* Not the shell's switch: that one saves the choice through the host, which may be what failed. */}
        <div className="lock__footer">
          <div className="langswitch" role="group" aria-label={t('common.language')}>
            {(['en', 'zh-CN'] as const).map((l) => (
              <button key={l} type="button" className={`langswitch__btn${i18n.language === l ? ' langswitch__btn--active' : ''}`} aria-pressed={i18n.language === l} onClick={() => void i18n.changeLanguage(l)}>
                {l === 'en' ? 'EN' : '中文'}
              </button>
            ))}
          </div>
        </div>
      </div>
    </main>
  );
}
