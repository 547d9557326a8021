import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { Banner, Card, Page } from '../../components/Page';
import { invoke } from '../../lib/api';
import { useCanCall } from '../staff/useCanCall';
import { ExportDiagnosticsButton } from './ExportDiagnostics';

/** Versions for support, and the owner's "Export diagnostics". */
export function AboutScreen() {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['system.info'], queryFn: () => invoke('system.info', {}) });
  const isOwner = useCanCall('system.exportDiagnostics');
  if (info.isError) return <Banner kind="error">{errorText(t, info.error)}</Banner>;
  if (!info.data) return <p className="muted">{t('common.loading')}</p>;
  const { runtime } = info.data;
  const rows: [string, string | null][] = [
    ['about.app', info.data.version],
    ['about.electron', runtime.electron],
    ['about.chromium', runtime.chromium],
    ['about.node', runtime.node],
    ['about.os', runtime.os],
    ['about.sqlite', runtime.sqlite],
    ['about.schema', String(info.data.schemaVersion)],
    ['about.dataDir', info.data.dataDir],
  ];
  return (
    <Page title={t('about.title')} subtitle={t('about.intro')}>
      <Card>
        <dl className="about__versions">
          {rows.map(([label, value]) => (
            <div key={label} className="about__row">
              <dt>{t(label)}</dt>
              <dd className={value ? undefined : 'muted'}>{value ?? t('about.unknown')}</dd>
            </div>
          ))}
        </dl>
      </Card>
      {isOwner ? (
        <Card title={t('about.diagnosticsTitle')}>
          <p className="muted">{t('about.diagnosticsHint')}</p>
          <ExportDiagnosticsButton className="btn btn--primary" />
        </Card>
      ) : null}
    </Page>
  );
}
