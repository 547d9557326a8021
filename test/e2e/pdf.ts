import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';

/** Renders a document's HTML in Chromium, prints it to PDF and returns the PDF's text (pdftotext), runs of spaces made one. */
export async function pdfText(page: Page, html: string, width: string): Promise<string> {
  await page.setContent(html);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'subdesk-pdf-')), 'doc.pdf');
  await page.pdf({ path: file, width, height: `${height + 20}px`, printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return text.replace(/[ \t]+/g, ' ');
}
