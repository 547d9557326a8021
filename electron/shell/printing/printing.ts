/**
 * Printing for the app's main process (Electron only; the host stays free of Electron). The host
 * answers `documents.print` with the rendered page and how to print it; main hands the answer here,
 * which prints it in a hidden window (the system dialog to choose a printer, or silently to the
 * receipt printer) or saves it as a PDF, and reports how it went. `documents.printers` is
 * answered with the printers the OS offers.
 */
import fs from 'node:fs';
import { BrowserWindow, dialog } from 'electron';
import type { PrintJob } from '../../contract/documents';

const MICRONS_PER_MM = 1000;
const PX_PER_MM = 96 / 25.4;

/** Completes what the host returned for the channels that need Electron; anything else passes through. */
export async function afterInvoke(channel: unknown, result: unknown, parent: BrowserWindow | undefined): Promise<unknown> {
  if (channel === 'documents.printers') {
    const printers = (await parent?.webContents.getPrintersAsync()) ?? [];
    return printers.map((p) => p.name);
  }
  if (channel === 'documents.print' || channel === 'documents.lessonStatement') return carryOut(result as PrintJob, parent);
  return result;
}

async function carryOut(job: PrintJob, parent: BrowserWindow | undefined): Promise<PrintJob> {
  // A hidden, sandboxed window with no preload: it only lays the page out for the printer.
  const win = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false, devTools: false },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(job.html)}`);
    const heightMm = Math.ceil(((await win.webContents.executeJavaScript('document.documentElement.scrollHeight')) as number) / PX_PER_MM) + 2;
    return job.action === 'pdf' ? await savePdf(job, win, heightMm, parent) : await print(job, win, heightMm);
  } catch (e) {
    return { ...job, outcome: 'failed', detail: e instanceof Error ? e.message : String(e) };
  } finally {
    win.destroy();
  }
}

async function savePdf(job: PrintJob, win: BrowserWindow, heightMm: number, parent: BrowserWindow | undefined): Promise<PrintJob> {
  const data = await win.webContents.printToPDF(
    'format' in job.page
      ? { preferCSSPageSize: true, printBackground: true }
      : {
          pageSize: { width: job.page.widthMm / 25.4, height: heightMm / 25.4 },
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          printBackground: true,
        },
  );
  const options = { defaultPath: `${job.title.replace(/[\\/:*?"<>|]+/g, '-')}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { ...job, outcome: 'cancelled', detail: '' };
  await fs.promises.writeFile(choice.filePath, data);
  return { ...job, outcome: 'saved', detail: choice.filePath };
}

function print(job: PrintJob, win: BrowserWindow, heightMm: number): Promise<PrintJob> {
  const pageSize = 'format' in job.page ? ('A4' as const) : { width: job.page.widthMm * MICRONS_PER_MM, height: heightMm * MICRONS_PER_MM };
  return new Promise((resolve) => {
    win.webContents.print(
      {
        silent: job.silent,
        printBackground: true,
        pageSize,
        margins: { marginType: 'format' in job.page ? 'default' : 'none' },
        ...(job.printer ? { deviceName: job.printer } : {}),
      },
      (success, reason) => {
        if (success) resolve({ ...job, outcome: 'printed', detail: job.printer });
        else resolve({ ...job, outcome: reason === 'cancelled' ? 'cancelled' : 'failed', detail: reason });
      },
    );
  });
}
