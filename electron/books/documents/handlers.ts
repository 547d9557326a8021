import type { documentChannels } from '../../contract/documents';
import type { AreaHandlers } from '../../contract/handler';
import { documentSettings, printJob, renderDocument, updateDocumentSettings } from './service';

export function documentHandlers(): AreaHandlers<keyof typeof documentChannels> {
  return {
    'documents.render': (input, ctx) => renderDocument(ctx, input.kind, input.id, input.locale),
    'documents.print': (input, ctx) => printJob(ctx, renderDocument(ctx, input.kind, input.id, input.locale), input.action),
    // The host knows no printers; the app's main process answers this one (electron/shell/printing).
    'documents.printers': () => [],
    'documents.settings': (_input, ctx) => documentSettings(ctx.db),
    'documents.updateSettings': (input, ctx) => updateDocumentSettings(ctx, input),
  };
}
