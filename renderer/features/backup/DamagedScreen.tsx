import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { LanguageSwitch } from '../../app/Shell';
import { Banner } from '../../components/Page';
import { invoke } from '../../lib/api';
import { formatInstant } from './format';
import { reloadWithMessage } from './reload';

/** Shown when the start-up check found the data file damaged: the only way on is a restore. */
export function DamagedScreen({ reason }: { reason: string }) {
  const { t, i18n } = useTranslation();
  const overview = useQuery({ queryKey: ['backups'], queryFn: () => invoke('backup.list', {}) });
  const newest = overview.data?.backups[0];
  const restore = useMutation({
    mutationFn: (id: string) => invoke('backup.restore', { id }),
    onSuccess: () => reloadWithMessage(t('backup.restored', { time: newest ? formatInstant(newest.at, i18n.language) : '' })),
  });
  return (
    <main className="setup">
      <div className="setup__card damaged">
        <div className="setup__brand setup__brand--danger" aria-hidden="true">
          !
        </div>
        <h1>{t('backup.damagedTitle')}</h1>
        <p className="muted">{t('backup.damagedIntro')}</p>
        <p className="damaged__detail">{t('backup.damagedDetail', { reason })}</p>
        {restore.isError ? <Banner kind="error">{errorText(t, restore.error)}</Banner> : null}
        {overview.isError ? <Banner kind="error">{errorText(t, overview.error)}</Banner> : null}
        {newest ? (
          <button type="button" className="btn btn--primary btn--block" disabled={restore.isPending} onClick={() => restore.mutate(newest.id)}>
            {t('backup.restoreNewest', { time: formatInstant(newest.at, i18n.language) })}
          </button>
        ) : overview.data ? (
          <Banner kind="warning">{t('backup.noBackups', { folder: overview.data.folder })}</Banner>
        ) : null}
        <div className="lock__footer">
          <LanguageSwitch />
        </div>
      </div>
    </main>
  );
}
