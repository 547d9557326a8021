import type { DemoStatus, demoChannels } from '../../contract/demo';
import { AppError } from '../../../shared/errors';
import type { AreaHandlers, Ctx } from '../../contract/handler';
import { demoOwner } from './owner';
import { isDemoFolder, readMarker } from './marker';

/**
 * The demo channels only ask: main.ts listens for 'demo.openRequested' / 'demo.exitRequested'
 * and swaps the host onto the other data folder (electron/host/demo/folder.ts), then reloads the window.
 */
export function demoHandlers(dataDir: string): AreaHandlers<keyof typeof demoChannels> {
  const status = (ctx: Ctx): DemoStatus => {
    const active = isDemoFolder(dataDir);
    return { active, offered: !active && !ctx.settings.get().setupCompleted, owner: active ? demoOwner(readMarker(dataDir)?.locale ?? 'zh-CN') : null };
  };
  return {
    'demo.status': (_input, ctx) => status(ctx),
    'demo.open': (_input, ctx) => {
      const s = status(ctx);
      if (!s.offered) throw new AppError('DEMO_NOT_AVAILABLE', 'Sample data is only offered before the business is set up.', { active: s.active });
      ctx.emit('demo.openRequested', {});
      return s;
    },
    'demo.exit': (_input, ctx) => {
      const s = status(ctx);
      if (!s.active) throw new AppError('DEMO_NOT_AVAILABLE', 'This is not the sample business.');
      ctx.emit('demo.exitRequested', {});
      return s;
    },
  };
}
