import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Banner, Card } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { toast } from '../../components/Toast';
import { invoke } from '../../lib/api';
import { formatBytes } from './format';
import { useFormat } from '../../components/useFormat';
import { reloadWithMessage } from './reload';

const BACKUPS_KEY = ['backups'] as const;

/** Settings → Backups: the folder, "back up now", the verified copies with restore, export and import. */
export function BackupsSection() {
  const { t } = useTranslation();
  const overview = useQuery({ queryKey: BACKUPS_KEY, queryFn: () => invoke('backup.list', {}) });
  return (
    <>
      <Card title={t('backup.title')} className="backups">
        <p className="muted backups__intro">{t('backup.intro')}</p>
        {overview.isError ? <Banner kind="error">{errorText(t, overview.error)}</Banner> : null}
        {overview.data ? <FolderForm folder={overview.data.folder} isDefault={overview.data.isDefaultFolder} /> : null}
        {overview.data?.lastFailure ? <FailureBanner at={overview.data.lastFailure.at} kind={overview.data.lastFailure.failure ?? 'other'} /> : null}
        <BackupNow />
        {overview.data ? <BackupTable backups={overview.data.backups} /> : null}
      </Card>
      <ExportImport />
    </>
  );
}

function FailureBanner({ at, kind }: { at: string; kind: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return <Banner kind="warning">{t('backup.lastFailure', { time: f.instant(at), reason: t(`backup.failure.${kind}`) })}</Banner>;
}

/** The folder is picked in the OS folder dialog (main opens it): no path is typed or sent from here. */
function FolderForm({ folder, isDefault }: { folder: string; isDefault: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (choice: 'choose' | 'default') => invoke('backup.setFolder', { folder: choice }),
    onSuccess: (r) => {
      if (r.status === 'cancelled') return undefined;
      toast.success(t('backup.folderSaved'));
      return Promise.all([qc.invalidateQueries({ queryKey: ['settings'] }), qc.invalidateQueries({ queryKey: BACKUPS_KEY })]);
    },
    onError: (e) => toast.error(errorText(t, e)),
  });
  return (
    <div className="backups__folder">
      <p>
        <strong>{t('backup.folderCurrent', { folder })}</strong>
        <br />
        <span className="muted">{t('backup.folderHint')}</span>
      </p>
      <div className="backups__buttons">
        <button type="button" className="btn" data-channel="backup.setFolder" disabled={save.isPending} onClick={() => save.mutate('choose')}>
          {t('backup.chooseFolder')}
        </button>
        {isDefault ? null : (
          <button type="button" className="btn" data-channel="backup.setFolder" disabled={save.isPending} onClick={() => save.mutate('default')}>
            {t('backup.defaultFolder')}
          </button>
        )}
      </div>
    </div>
  );
}

function BackupNow() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const now = useMutation({
    mutationFn: () => invoke('backup.now', {}),
    onSuccess: () => toast.success(t('backup.done')),
    onError: (e) => toast.error(errorText(t, e)),
    onSettled: () => qc.invalidateQueries({ queryKey: BACKUPS_KEY }),
  });
  return (
    <div className="backups__actions">
      <button type="button" className="btn btn--primary" data-channel="backup.now" disabled={now.isPending} onClick={() => now.mutate()}>
        {now.isPending ? t('backup.working') : t('backup.now')}
      </button>
    </div>
  );
}

/** Times in the business time zone (the setting), not the PC's. */
function BackupTable({ backups }: { backups: BackupInfo[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  if (!backups.length) return <p className="muted">{t('backup.none')}</p>;
  async function restore(b: BackupInfo) {
    try {
      await invoke('backup.restore', { id: b.id });
      reloadWithMessage(t('backup.restored', { time: f.instant(b.at) }));
    } catch (e) {
      toast.error(errorText(t, e));
    }
  }
  return (
    <div className="table-wrap">
      <table className="table backups__table" aria-label={t('backup.title')}>
        <thead>
          <tr>
            <th>{t('backup.columns.at')}</th>
            <th>{t('backup.columns.reason')}</th>
            <th className="num">{t('backup.columns.size')}</th>
            <th className="num">{t('backup.columns.rows')}</th>
            <th>{t('backup.columns.status')}</th>
            <th aria-label={t('common.actions')} />
          </tr>
        </thead>
        <tbody>
          {backups.map((b) => {
            const when = f.instant(b.at);
            return (
              <tr key={b.id} title={b.id}>
                <td className="num-text">{when}</td>
                <td>{t(`backup.reasons.${b.reason}`)}</td>
                <td className="num num-text">{formatBytes(b.size, i18n.language)}</td>
                <td className="num num-text">{Object.values(b.rowCounts).reduce((a, n) => a + n, 0)}</td>
                <td>
                  <StatusBadge tone="green">{t('backup.verified')}</StatusBadge>
                </td>
                <td className="actions">
                  <ConfirmButton
                    className="btn btn--small"
                    channel="backup.restore"
                    title={t('backup.restoreTitle')}
                    message={t('backup.restoreConfirm', { time: when })}
                    confirmLabel={t('backup.restore')}
                    danger
                    ariaLabel={`${t('backup.restore')} ${when}`}
                    onConfirm={() => restore(b)}
                  >
                    {t('backup.restore')}
                  </ConfirmButton>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Export and import pick their file in the OS dialogs (main opens them): no path is typed or sent from here. */
function ExportImport() {
  const { t } = useTranslation();
  async function run(action: 'export' | 'import') {
    try {
      if (action === 'export') {
        const out = await invoke('backup.export', {});
        if (out.status === 'done') toast.success(t('backup.exported', { file: out.file }));
      } else {
        const out = await invoke('backup.import', {});
        if (out.status === 'done') reloadWithMessage(t('backup.imported'));
      }
    } catch (e) {
      toast.error(errorText(t, e));
    }
  }

  return (
    <Card title={t('backup.exportTitle')} className="backups">
      <p className="muted backups__intro">{t('backup.exportHint')}</p>
      <div className="backups__buttons">
        <button type="button" className="btn" data-channel="backup.export" onClick={() => void run('export')}>
          {t('backup.export')}
        </button>
        <ConfirmButton className="btn" channel="backup.import" title={t('backup.importTitle')} message={t('backup.importConfirm')} confirmLabel={t('backup.importPick')} danger onConfirm={() => run('import')}>
          {t('backup.import')}
        </ConfirmButton>
      </div>
    </Card>
  );
}
