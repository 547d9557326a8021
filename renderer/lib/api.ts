// The renderer's only way to the host: typed from the contract, errors rebuilt with their code.
import type { Channel, EventName, Events, Input, Output, WireError } from '../../electron/contract';

export class ApiError extends Error {
  readonly code: WireError['code'];
  readonly details: WireError['details'];
  constructor(wire: WireError) {
    super(wire.message);
    this.name = 'ApiError';
    this.code = wire.code;
    this.details = wire.details;
  }

  /** Field errors keyed by dotted path, for showing next to inputs. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const issue of this.details?.issues ?? []) out[issue.path] ??= issue.message;
    return out;
  }
}

export async function invoke<K extends Channel>(channel: K, input: Input<K>): Promise<Output<K>> {
  const result = await window.api.invoke(channel, input);
  if (result.ok) return result.data as Output<K>;
  throw new ApiError(result.error);
}

export function onEvent<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return window.api.on(event, listener);
}
