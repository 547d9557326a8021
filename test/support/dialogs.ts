import type { Dialogs } from '../../electron/ops/backup/dialogs';

export type DialogKind = 'save' | 'open' | 'folder';

/**
 * Plays the native dialogs' part for tests and the browser harness: each pick takes the next
 * queued answer (a path, or null for Cancel); a pick with nothing queued fails the call loudly.
 */
export interface FakeDialogs extends Dialogs {
  /** Queues what the next dialogs answer, in order. */
  answer(...answers: (string | null)[]): void;
  /** Every dialog shown: its kind, title and proposed name. */
  readonly shown: { kind: DialogKind; title: string; defaultName?: string; extensions?: string[] }[];
}

export function fakeDialogs(): FakeDialogs {
  const queue: (string | null)[] = [];
  const shown: FakeDialogs['shown'] = [];
  const next = (entry: FakeDialogs['shown'][number]) => {
    shown.push(entry);
    if (!queue.length) return Promise.reject(new Error(`no answer queued for the ${entry.kind} dialog "${entry.title}"`));
    return Promise.resolve(queue.shift()!);
  };
  return {
    shown,
    answer: (...answers) => void queue.push(...answers),
    pickSaveFile: (o) => next({ kind: 'save', title: o.title, defaultName: o.defaultName, extensions: o.filters.flatMap((f) => f.extensions) }),
    pickOpenFile: (o) => next({ kind: 'open', title: o.title, extensions: o.filters.flatMap((f) => f.extensions) }),
    pickFolder: (o) => next({ kind: 'folder', title: o.title }),
  };
}
