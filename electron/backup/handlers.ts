import type { backupChannels } from '../contract/backup';
import type { AreaHandlers } from '../handlers';
import type { BackupService } from './service';

export function backupHandlers(backups: BackupService): AreaHandlers<keyof typeof backupChannels> {
  return {
    'backup.list': () => backups.overview(),
    'backup.now': () => backups.backup('manual'),
    'backup.restore': (input, ctx) => backups.restore(input.id, ctx.staff),
    'backup.export': (input) => backups.exportTo(input.file),
    'backup.import': (input, ctx) => backups.importFrom(input.file, ctx.staff),
  };
}
