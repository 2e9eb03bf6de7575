/**
 * The checks every {@link StateStore} must pass, for any test runner: the memory, file and
 * Redis stores run them, and so should a store you write for your own database.
 */
import type { StateStore } from '../state/state-store';
import { TestKitAssertionError } from './assertions/assertion-error';

/**
 * One fresh store a check runs against, with the means to let time pass for its TTL.
 *
 * @example
 * const backend: StateStoreContractBackend = {
 *   store: memoryStateStore({ now: () => clock.now }),
 *   elapse: async (ms) => { clock.now += ms; },
 * };
 */
export interface StateStoreContractBackend {
  /** The store under test, empty. */
  readonly store: StateStore<unknown>;
  /**
   * Lets `ms` milliseconds pass on the store's clock: advance a virtual clock, or really wait
   * (a Redis store, whose expiry runs on the server's clock).
   */
  elapse(ms: number): Promise<void>;
  /**
   * A second store on the same data, as after a restart or on another worker (a new
   * `fileStateStore` on the same folder, a new client on the same Redis). Omit it for stores
   * that keep nothing across instances (memory); the restart check then does not run.
   */
  reopen?(): StateStore<unknown> | Promise<StateStore<unknown>>;
  /** Frees the backend (files, connections). Default: nothing to free. */
  close?(): void | Promise<void>;
}

/**
 * What {@link stateStoreContract} needs.
 *
 * @example
 * stateStoreContract({ setUp: async () => ({ store: memoryStateStore({ now }), elapse }) });
 */
export interface StateStoreContractHarness {
  /** Sets up a fresh, empty backend for one check. */
  setUp(): Promise<StateStoreContractBackend>;
  /**
   * The time-to-live the expiry check writes with, in ms: it expects the value present after
   * half of it and gone after one and a half. Pick one the store's clock resolves well (with a
   * real clock, large enough that a loaded machine reads within half of it). Default `1000`.
   */
  readonly ttl?: number;
}

/**
 * One named check; `run` rejects with a {@link TestKitAssertionError} saying what the store did wrong.
 *
 * @example
 * for (const check of stateStoreContract(harness)) it(check.name, check.run);
 */
export interface StateStoreContractCheck {
  /** What the check proves, as a test name. */
  readonly name: string;
  /** Runs the check on a fresh backend. */
  run(): Promise<void>;
}

const SAMPLE = {
  step: 'size',
  data: {
    name: 'Zoë 🍕',
    sizes: ['S', 'M'],
    count: 3,
    ratio: 0.25,
    ok: true,
    none: null,
    nested: { deep: [1, { a: 2 }] },
  },
};

/**
 * The contract of a {@link StateStore} as named async checks:
 * - a missing key reads as `undefined`; a value reads back equal after a JSON round trip;
 * - `set` replaces, `delete` removes, deleting a missing key is fine;
 * - keys are exact: `a`, `a:b`, `A` and keys with any characters are different entries;
 * - a value read is a copy: changing it changes nothing stored;
 * - concurrent writes to different keys all land; sequential writes to one key: the last wins;
 * - `ttl`: present before it runs out, gone after; a write without `ttl` keeps the value for
 *   good, a new write with `ttl` restarts the count;
 * - with `reopen`: a second store on the same data reads what the first wrote.
 *
 * @example
 * import { stateStoreContract } from 'tamtam-rx/testing';
 * describe('my store', () => {
 *   for (const check of stateStoreContract({ setUp: myBackend })) it(check.name, check.run, 30_000);
 * });
 */
export function stateStoreContract(harness: StateStoreContractHarness): StateStoreContractCheck[] {
  const ttl = harness.ttl ?? 1000;
  const check = (
    name: string,
    body: (backend: StateStoreContractBackend) => Promise<void>,
  ): StateStoreContractCheck => ({
    name,
    run: async () => {
      const backend = await harness.setUp();
      try {
        await body(backend);
      } finally {
        await backend.close?.();
      }
    },
  });

  return [
    check('reads a missing key as undefined and a written value back equal', async ({ store }) => {
      expectEqual(await store.get('contract:missing'), undefined, 'get of a key never written');
      await store.set('contract:value', SAMPLE);
      expectEqual(await store.get('contract:value'), SAMPLE, 'get after set');
      await store.set('contract:scalar', 42);
      expectEqual(await store.get('contract:scalar'), 42, 'get of a number');
      await store.set('contract:text', '');
      expectEqual(await store.get('contract:text'), '', 'get of an empty string');
    }),
    check('replaces on set, removes on delete, and deletes a missing key without error', async ({ store }) => {
      await store.set('contract:k', { v: 1 });
      await store.set('contract:k', { v: 2 });
      expectEqual(await store.get('contract:k'), { v: 2 }, 'get after a second set');
      await store.delete('contract:k');
      expectEqual(await store.get('contract:k'), undefined, 'get after delete');
      await store.delete('contract:k');
      await store.delete('contract:never-written');
    }),
    check('keeps keys apart exactly, whatever characters they hold', async ({ store }) => {
      const keys = ['a', 'a:b', 'A', 'chat:-1', 'chat:1', 'chat:1:user:2', 'x/y\\z', 'sp ace', '.dot', 'ключ', '%41'];
      await Promise.all(keys.map((key, i) => store.set(key, { i })));
      for (const [i, key] of keys.entries()) expectEqual(await store.get(key), { i }, `get('${key}')`);
      await store.delete('a');
      expectEqual(await store.get('a:b'), { i: 1 }, "get('a:b') after deleting 'a'");
      expectEqual(await store.get('A'), { i: 2 }, "get('A') after deleting 'a'");
    }),
    check('returns copies: changing a value read changes nothing stored', async ({ store }) => {
      await store.set('contract:copy', { list: [1] });
      const first = (await store.get('contract:copy')) as { list: number[] };
      first.list.push(2);
      expectEqual(await store.get('contract:copy'), { list: [1] }, 'get after changing a value read before');
    }),
    check(
      'lands concurrent writes to different keys, and the last of sequential writes to one key',
      async ({ store }) => {
        const keys = Array.from({ length: 50 }, (_, i) => `contract:many:${i}`);
        await Promise.all(keys.map((key, i) => store.set(key, i)));
        const values = await Promise.all(keys.map((key) => store.get(key)));
        expectEqual(
          values,
          keys.map((_, i) => i),
          'values of 50 keys written at once',
        );
        const writes: Promise<void>[] = [];
        for (let i = 0; i < 20; i += 1) writes.push(store.set('contract:last', i));
        await Promise.all(writes);
        expectEqual(await store.get('contract:last'), 19, 'value after 20 writes issued in order');
      },
    ),
    check('expires a value written with ttl, and not one written without', async ({ store, elapse }) => {
      await store.set('contract:ttl', 'short', { ttl });
      await store.set('contract:forever', 'kept');
      await elapse(ttl / 2);
      expectEqual(await store.get('contract:ttl'), 'short', `get after half of the ttl (${ttl / 2} ms)`);
      await elapse(ttl);
      expectEqual(await store.get('contract:ttl'), undefined, `get after one and a half ttl (${ttl * 1.5} ms)`);
      expectEqual(await store.get('contract:forever'), 'kept', 'get of a value written without ttl');
    }),
    check('restarts the ttl on a new write, and keeps a value rewritten without ttl', async ({ store, elapse }) => {
      await store.set('contract:renew', 1, { ttl });
      await store.set('contract:unttl', 1, { ttl });
      await elapse(ttl / 2);
      await store.set('contract:renew', 2, { ttl });
      await store.set('contract:unttl', 2);
      await elapse(ttl * 0.75);
      expectEqual(
        await store.get('contract:renew'),
        2,
        'get of a value rewritten with ttl, 1¼ ttl after the first write',
      );
      await elapse(ttl);
      expectEqual(await store.get('contract:renew'), undefined, 'get after the renewed ttl ran out');
      expectEqual(await store.get('contract:unttl'), 2, 'get of a value rewritten without ttl');
    }),
    check('refuses a key that is not a non-empty string with a TypeError', async ({ store }) => {
      for (const bad of ['', 42, undefined] as unknown[]) {
        let error: unknown;
        try {
          await store.get(bad as string);
        } catch (caught) {
          error = caught;
        }
        if (!(error instanceof TypeError))
          fail(`get(${JSON.stringify(bad) ?? 'undefined'}) should reject with a TypeError`);
      }
    }),
    check('reads after a restart what was written before it (with reopen)', async (backend) => {
      if (backend.reopen === undefined) return;
      await backend.store.set('contract:durable', SAMPLE);
      await backend.store.set('contract:gone', 1);
      await backend.store.delete('contract:gone');
      const again = await backend.reopen();
      expectEqual(await again.get('contract:durable'), SAMPLE, 'get on a reopened store');
      expectEqual(await again.get('contract:gone'), undefined, 'get of a deleted key on a reopened store');
    }),
  ];
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) fail(`${what}: expected ${e ?? 'undefined'}, got ${a ?? 'undefined'}`);
}

function fail(message: string): never {
  throw new TestKitAssertionError(`State store contract: ${message}`);
}
