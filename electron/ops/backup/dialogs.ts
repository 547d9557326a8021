/**
 * The native file dialogs, as a service the shell injects into the host (createHost's
 * `dialogs`): main passes Electron's, the tests and the browser harness play the dialog's
 * part. The renderer never sends a path; the host asks for one here and gets null when
 * the owner cancels.
 */
export interface DialogFilter {
  /** Shown in the dialog's type list, in the owner's language. */
  name: string;
  /** Without the dot: 'sqlite'. */
  extensions: string[];
}

export interface Dialogs {
  pickSaveFile(opts: { title: string; defaultName: string; filters: DialogFilter[] }): Promise<string | null>;
  pickOpenFile(opts: { title: string; filters: DialogFilter[] }): Promise<string | null>;
  pickFolder(opts: { title: string }): Promise<string | null>;
}

/** A host started without a shell (a script, a test that does not pick files) has no dialogs. */
export const noDialogs: Dialogs = {
  pickSaveFile: () => Promise.resolve(null),
  pickOpenFile: () => Promise.resolve(null),
  pickFolder: () => Promise.resolve(null),
};

/** The extension a backup file must carry; appended when the owner typed a name without it. */
export const BACKUP_EXTENSION = '.sqlite';

export function withBackupExtension(file: string): string {
  return file.toLowerCase().endsWith(BACKUP_EXTENSION) ? file : `${file}${BACKUP_EXTENSION}`;
}

/**
 * Dialog titles in the business's language (the dialog is drawn by the OS, not the renderer).
 * No string may end in the word "import": electron-vite's CommonJS shim takes `import"` for an import statement.
 */
export const DIALOG_TEXT = {
  en: {
    exportTitle: 'Export the whole business',
    importTitle: 'Choose the Subdesk export or backup file to bring in',
    folderTitle: 'Choose the backup folder',
    filter: 'Subdesk data',
  },
  'zh-CN': {
    exportTitle: '导出全部商户数据',
    importTitle: '选择要导入的 Subdesk 导出文件或备份',
    folderTitle: '选择备份文件夹',
    filter: 'Subdesk 数据',
  },
} as const;
