/**
 * The behaviour every MarkerStore must have (memory, file, Redis, or a user's own), as one
 * vitest suite to run over each backend.
 */
import { describe, expect, it } from 'vitest';
import type { MarkerStore, PollingState } from '../../src/sources/index';
import type { Update } from '../../src/types/index';
import { sampleUpdates } from '../fixtures/updates';

/**
 * One backend under test. `open()` returns a store on the backend's current place (file, key);
 * called twice it returns two stores on the same place, as two processes would have.
 */
export interface MarkerStoreBackend {
  open(): MarkerStore;
  /** Frees the place (file, key); called after each check. */
  clear?(): Promise<void>;
  /**
   * Puts a value that is not a polling state into the place, for the corrupt-value check; only
   * stores that outlive the process have one (a memory store cannot hold a foreign value).
   */
  corrupt?(value: string): Promise<void>;
}

/**
 * What the contract runs on: a fresh backend per check, and whether its stores outlive the
 * process (a second `open()` sees what the first saved; a foreign value can be planted).
 */
export interface MarkerStoreHarness {
  setUp(): MarkerStoreBackend | Promise<MarkerStoreBackend>;
  readonly durable: boolean;
}

/** Every sample update type, so the stored JSON round-trips the whole model. */
const allKinds: readonly Update[] = Object.values(sampleUpdates) as readonly Update[];

/**
 * Runs the marker store contract over a backend:
 * - nothing is loaded before the first save, then exactly what was saved (a copy);
 * - the marker `null` and updates of every type round-trip unchanged;
 * - concurrent saves: the last one wins;
 * - durable stores: a second store on the same place sees the first's saves, and a value that is not a polling state makes `load()` reject with a clear
 *   message, never a half-parsed state.
 *
 * @example
 * markerStoreContract('memory', { durable: false, setUp: () => ({ open: () => memoryMarkerStore() }) });
 */
export function markerStoreContract(name: string, harness: MarkerStoreHarness): void {
  describe(`MarkerStore contract: ${name}`, () => {
    const withBackend = async (body: (backend: MarkerStoreBackend) => Promise<void>): Promise<void> => {
      const backend = await harness.setUp();
      try {
        await body(backend);
      } finally {
        await backend.clear?.();
      }
    };

    it('loads nothing before the first save, then what was saved', () =>
      withBackend(async (backend) => {
        const store = backend.open();
        expect(await store.load()).toBeUndefined();
        const state: PollingState = { marker: 42, pending: [sampleUpdates.message_created] };
        await store.save(state);
        expect(await store.load()).toEqual(state);
      }));

    it('keeps a copy: changing the saved objects afterwards changes nothing stored', () =>
      withBackend(async (backend) => {
        const store = backend.open();
        const pending: Update[] = [sampleUpdates.bot_started];
        await store.save({ marker: 5, pending });
        pending.length = 0;
        expect(await store.load()).toEqual({ marker: 5, pending: [sampleUpdates.bot_started] });
      }));

    it('round-trips a null marker and updates of every type', () =>
      withBackend(async (backend) => {
        const store = backend.open();
        await store.save({ marker: null, pending: allKinds });
        expect(await store.load()).toEqual({ marker: null, pending: allKinds });
        await store.save({ marker: 7, pending: [] });
        expect(await store.load()).toEqual({ marker: 7, pending: [] });
      }));

    it('concurrent saves: the last one wins', () =>
      withBackend(async (backend) => {
        const store = backend.open();
        await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.save({ marker: i, pending: i % 2 === 0 ? [] : allKinds })),
        );
        expect(await store.load()).toEqual({ marker: 19, pending: allKinds });
      }));

    if (!harness.durable) {
      it('each store is its own: a second one starts empty', () =>
        withBackend(async (backend) => {
          await backend.open().save({ marker: 100, pending: [] });
          expect(await backend.open().load()).toBeUndefined();
        }));
      return;
    }

    it('a second store on the same place sees the saves of the first, both ways', () =>
      withBackend(async (backend) => {
        const first = backend.open();
        await first.save({ marker: 100, pending: [sampleUpdates.message_callback] });
        const second = backend.open();
        expect(await second.load()).toEqual({ marker: 100, pending: [sampleUpdates.message_callback] });
        await second.save({ marker: 101, pending: [] });
        expect(await first.load()).toEqual({ marker: 101, pending: [] });
      }));

    it('refuses a stored value that is not a polling state with a message saying how to reset', () =>
      withBackend(async (backend) => {
        const { corrupt } = backend;
        if (corrupt === undefined) throw new Error('a durable backend must implement corrupt()');
        await corrupt('{"marker": 1, "pend');
        await expect(backend.open().load()).rejects.toThrow(/not valid JSON/);
        for (const foreign of ['{"hello":"world"}', '[1,2,3]', '"text"', '{"version":1,"marker":"1","pending":[]}']) {
          await corrupt(foreign);
          await expect(backend.open().load()).rejects.toThrow(/not a tamtam-rx polling state/);
        }
      }));
  });
}
