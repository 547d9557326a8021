import type { ExportFile } from '../../../electron/contract';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Saves a file the host produced: the text becomes a download (no path ever crosses IPC). */
export function saveFile(fileName: string, content: string | Uint8Array<ArrayBuffer>, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves an export: a CSV's text as is, a workbook decoded from base64. */
export function saveExport(file: ExportFile): void {
  if (file.format === 'csv') return saveFile(file.fileName, file.content);
  saveFile(file.fileName, Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)), XLSX);
}
