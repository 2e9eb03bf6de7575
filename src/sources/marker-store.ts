import type { Update } from '../types/index';

/**
 * What long polling persists between runs: the marker to poll from next, and the updates
 * already fetched (so committed on the server by the next poll) that are not handled yet.
 *
 * @example
 * const state: PollingState = { marker: 1024, pending: [] };
 */
export interface PollingState {
  /** Marker for the next `GET /updates`; `null` before the first answer. */
  readonly marker: number | null;
  /** Fetched, not yet handled updates in arrival order; replayed after a crash. */
  readonly pending: readonly Update[];
}

/**
 * Where long polling keeps its {@link PollingState}. `save` must be atomic: after a crash,
 * `load` returns either the previous or the new state, never a mix.
 *
 * @example
 * const store: MarkerStore = { load: async () => redisGet(), save: async (s) => redisSet(s) };
 */
export interface MarkerStore {
  /** The last saved state, or `undefined` on the very first run. */
  load(): Promise<PollingState | undefined>;
  /** Persists the state; resolves once it is durable. */
  save(state: PollingState): Promise<void>;
}

/**
 * A store that lives as long as the process: restarts within the process (resubscribing)
 * continue where they stopped; a crash forgets everything. The default.
 *
 * @example
 * const store = memoryMarkerStore();
 * fromLongPolling(api, { store });
 */
export function memoryMarkerStore(initial?: PollingState): MarkerStore & { readonly state: PollingState | undefined } {
  let state = initial;
  return {
    get state() {
      return state;
    },
    load: async () => state,
    save: async (next) => {
      state = { marker: next.marker, pending: [...next.pending] };
    },
  };
}
