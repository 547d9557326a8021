/**
 * The start-up call, sent while the rest of the renderer's script is still being evaluated: main.tsx
 * imports this module first (it imports nothing heavy), and renders once the answer has seeded the cache.
 */
import type { StartScreen, StartState } from '../../electron/contract';
import { invoke } from '../lib/api';

/** The screen the window opens on, from its address (#/members, #/, anything else). */
export function startScreen(hash: string): StartScreen {
  const [path = '/', search = ''] = (hash.replace(/^#/, '') || '/').split('?');
  if (path === '/') return 'home';
  const params = new URLSearchParams(search);
  // The member list itself, not one member's page or the import.
  return path === '/members' && !params.has('member') && !params.has('view') ? 'members' : 'other';
}

/** The answer, or null when the call failed (the screens then read their parts one by one and show the error). */
export const started: Promise<StartState | null> = invoke('app.start', { screen: startScreen(window.location.hash) }).catch(() => null);
