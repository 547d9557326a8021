import type { backupChannels } from '../../contract/backup';
import type { AreaHandlers } from '../../contract/handler';
import type { SettingsService } from '../settings/service';
import type { BackupService } from './service';

export function backupHandlers(backups: BackupService, settings: SettingsService): AreaHandlers<keyof typeof backupChannels> {
  return {
    'backup.list': () => backups.overview(),
    'backup.now': () => backups.backup('manual'),
    'backup.restore': (input, ctx) => backups.restore(input.id, ctx.staff),
    'backup.export': () => backups.exportPicked(),
    'backup.import': (_input, ctx) => backups.importPicked(ctx.staff),
    'backup.setFolder': async (input, ctx) => {
      const folder = input.folder === 'default' ? '' : await backups.pickFolder();
      if (folder === null) return { status: 'cancelled' };
      const { before, after } = settings.update({ backupFolder: folder });
      ctx.audit('settings', 'backupFolder', { backupFolder: before.backupFolder }, { backupFolder: after.backupFolder });
      return { status: 'done', folder: backups.folder() };
    },
  };
}
