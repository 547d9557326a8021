import type { documentChannels } from '../../contract/documents';
import type { AreaHandlers } from '../../contract/handler';
import type { LessonStatement } from './lesson-statement';
import type { DocumentsService } from './service';

export function documentHandlers(documents: DocumentsService, statement: LessonStatement): AreaHandlers<keyof typeof documentChannels> {
  return {
    'documents.lessonStatement': (input) => statement.print(input),
    'documents.render': (input) => documents.render(input.kind, input.id, input.locale),
    'documents.print': (input) => documents.print(input.kind, input.id, input.locale, input.action),
    // The host knows no printers; the app's main process answers this one (electron/shell/printing).
    'documents.printers': () => [],
    'documents.settings': () => documents.settings(),
    'documents.updateSettings': (input) => documents.updateSettings(input),
  };
}
