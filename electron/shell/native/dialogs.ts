/**
 * Electron's native file dialogs behind the host's `Dialogs` service (main only: the host stays
 * free of Electron). Modal to the app's window when there is one.
 */
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { Dialogs } from '../../ops/backup/dialogs';

export function electronDialogs(parent: () => BrowserWindow | undefined): Dialogs {
  const save = (o: SaveDialogOptions) => {
    const win = parent();
    return win ? dialog.showSaveDialog(win, o) : dialog.showSaveDialog(o);
  };
  const open = (o: OpenDialogOptions) => {
    const win = parent();
    return win ? dialog.showOpenDialog(win, o) : dialog.showOpenDialog(o);
  };
  return {
    async pickSaveFile({ title, defaultName, filters }) {
      // No 'showOverwriteConfirmation': the host refuses an existing file anyway, with its own message.
      const r = await save({ title, defaultPath: defaultName, filters, properties: ['createDirectory'] });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async pickOpenFile({ title, filters }) {
      const r = await open({ title, filters, properties: ['openFile'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async pickFolder({ title }) {
      const r = await open({ title, properties: ['openDirectory', 'createDirectory'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
