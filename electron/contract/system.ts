import { z } from 'zod';
import { channel } from './define';
import { empty } from './common';
import type { Picked } from './backup';

/** Versions of what the app runs on; a missing one is unknown here (Electron in the tests). */
export interface RuntimeVersions {
  electron: string | null;
  chromium: string | null;
  node: string;
  /** e.g. "Windows_NT 10.0.22631 x64". */
  os: string;
  sqlite: string;
}

export interface AppInfo {
  version: string;
  schemaVersion: number;
  dataDir: string;
  today: string;
  runtime: RuntimeVersions;
}

/** A window error sent to the log; capped so a hostile or runaway page cannot flood it. */
export const rendererErrorSchema = z.strictObject({
  kind: z.enum(['error', 'unhandledrejection', 'render'], 'invalid_choice'),
  message: z.string('invalid_text').max(2000, 'too_long'),
  stack: z.string('invalid_text').max(8000, 'too_long').optional(),
  /** The script and line, or the React component stack's first lines. */
  source: z.string('invalid_text').max(500, 'too_long').optional(),
});

export const systemChannels = {
  'system.info': channel<AppInfo>()(empty, { access: 'public', mutates: false }),
  /** The window reports an error it could not handle (public: it may happen before sign-in). */
  'system.logError': channel<{ logged: true }>()(rendererErrorSchema, { access: 'public', mutates: false }),
  /**
   * One zip for support: logs, versions, integrity check, recent billing runs and the settings
   * without personal data. Saved where the owner picks in main's save dialog; never over a file.
   */
  'system.exportDiagnostics': channel<Picked<{ file: string; size: number }>>()(empty, { access: 'owner', mutates: false }),
};
