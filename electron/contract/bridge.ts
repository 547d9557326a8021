import type { EventName, Events } from './index';
import type { Envelope } from './envelope';

/** The names of the two Electron IPC channels the preload uses; nothing else crosses. */
export const INVOKE_CHANNEL = 'subdesk:invoke';
export const EVENT_CHANNEL = 'subdesk:event';

/** What the preload exposes as `window.api`, and what the browser harness imitates. */
export interface ApiBridge {
  invoke(channel: string, input: unknown): Promise<Envelope>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
