/**
 * The checks every update source must pass, for any test runner: the built-in sources run
 * them, and so should a source written outside tamtam-rx on its delivery contract.
 */
import { NEVER, Observable, Subject, type Subscription, mergeMap, take } from 'rxjs';
import { deriveUpdate } from '../delivery/derive-update';
import { type ReleaseHold, holdUpdate } from '../delivery/hold-update';
import { isRedelivery } from '../delivery/redelivery';
import type { UpdateSource, UpdateSourceStopResult } from '../sources/update-source';
import type { Update } from '../types/index';
import { TestKitAssertionError, isTestKitAssertionError } from './assertions/assertion-error';
import { waitFor } from './wait-for';

/**
 * One backend a check runs against: what feeds a source and records what it acknowledged
 * (an emulator and a marker store, a Redis stream, a queue). Fresh for every check.
 *
 * @example
 * const backend: SourceContractBackend = {
 *   start: () => fromLongPolling(api, { store }),
 *   feed: (keys) => keys.forEach((k) => emulator.actAs(alice).sendToBot(k)),
 *   acknowledged: () => handledTexts(store),
 *   close: () => emulator.close(),
 * };
 */
export interface SourceContractBackend<U extends object = Update> {
  /**
   * Creates a source on this backend. Called again after the previous source was stopped, to
   * check a restart: the new source must continue where the previous one stopped.
   */
  start(): UpdateSource<U> | Promise<UpdateSource<U>>;
  /** Makes the backend offer one update per key, in this order (e.g. messages with these texts). */
  feed(keys: readonly string[]): void | Promise<void>;
  /**
   * Keys of the fed updates the backend counts as acknowledged by the source (it will not
   * deliver them again), in any order.
   */
  acknowledged(): readonly string[] | Promise<readonly string[]>;
  /** Frees the backend (servers, files). Sources started on it were stopped before. */
  close(): void | Promise<void>;
  /**
   * Makes the backend offer an update of type `type`, which no version knows (e.g.
   * `{ update_type: type, timestamp: Date.now() }`). Needed when the harness sets `unknownUpdates`.
   */
  feedUnknown?(type: string): void | Promise<void>;
}

/**
 * What {@link updateSourceContract} needs to drive a source.
 *
 * @example
 * const checks = updateSourceContract({
 *   setUp: async () => myBackend(),
 *   keyOf: (u) => (u.update_type === 'message_created' ? (u.message.body.text ?? '') : ''),
 * });
 */
export interface SourceContractHarness<U extends object = Update> {
  /** Sets up a fresh backend for one check. */
  setUp(): Promise<SourceContractBackend<U>>;
  /** The key an emitted update was fed with (see {@link SourceContractBackend.feed}). */
  keyOf(update: U): string;
  /** Longest wait for anything the source must do, in ms. Default `5000`. */
  readonly timeout?: number;
  /**
   * How long a check watches for something that must not happen (an acknowledgement while a
   * hold is taken, `stop()` resolving while a handler runs), in ms. Longer catches slower
   * mistakes; a correct source passes whatever the value. Default `100`.
   */
  readonly watch?: number;
  /**
   * Adds the check that updates of unknown types go to `unknownUpdates$` and never into the
   * stream; the backend must then implement `feedUnknown`. Default `false`.
   */
  readonly unknownUpdates?: boolean;
}

/**
 * One named check; `run` rejects with a {@link TestKitAssertionError} saying what the source did wrong.
 *
 * @example
 * for (const check of updateSourceContract(harness)) it(check.name, check.run, 30_000);
 */
export interface SourceContractCheck {
  /** What the check proves, as a test name. */
  readonly name: string;
  /** Runs the check on a fresh backend; rejects with what the source did wrong. */
  run(): Promise<void>;
}

/**
 * The contract of an {@link UpdateSource} as named async checks, for any test runner:
 * - every update is emitted once, in the order the backend offers it;
 * - an update is acknowledged only after every hold on it (also one taken through a derived
 *   update) is released, and is emitted once;
 * - unsubscribing abandons held updates: they are not acknowledged, and are delivered again,
 *   flagged with `isRedelivery`, to the next subscriber;
 * - `stop()` waits for running handlers, acknowledges what they finished, resolves with
 *   `{ unfinished: 0 }`, completes the source and `status$`, and returns the same promise when called again;
 * - after `stop()`, a new source on the same backend delivers only what is new, unflagged;
 * - with `unknownUpdates: true`: an update of an unknown type goes to `unknownUpdates$`, never
 *   into the stream, and the updates after it still flow.
 *
 * A source that acknowledges on receipt (a webhook with `ack: 'received'`) cannot pass the
 * hold checks; run the contract on the setting that acknowledges after handling.
 *
 * @example
 * import { updateSourceContract } from 'tamtam-rx/testing';
 * describe('my Redis source', () => {
 *   for (const check of updateSourceContract({ setUp: redisBackend, keyOf: (u) => textOf(u) })) {
 *     it(check.name, check.run, 30_000);
 *   }
 * });
 */
export function updateSourceContract<U extends object = Update>(
  harness: SourceContractHarness<U>,
): SourceContractCheck[] {
  const timeout = harness.timeout ?? 5000;
  const watch = harness.watch ?? 100;
  const key = (update: U): string => harness.keyOf(update);
  /** Waits (bounded) for `ready`; on timeout fails describing the state at that moment. */
  const until = async (ready: () => boolean | Promise<boolean>, what: () => string): Promise<void> => {
    try {
      await waitFor(ready, { timeout });
    } catch (error) {
      if (isTestKitAssertionError(error)) fail(`timed out after ${timeout} ms waiting for ${what()}`);
      throw error;
    }
  };

  const check = (name: string, body: (t: CheckContext<U>) => Promise<void>): SourceContractCheck => ({
    name,
    run: () => withBackend(harness, timeout, body),
  });

  const acked = async (t: CheckContext<U>, keys: readonly string[]): Promise<void> => {
    let done = new Set<string>();
    await until(
      async () => {
        done = new Set(await t.backend.acknowledged());
        return keys.every((k) => done.has(k));
      },
      () => `the backend to count ${list(keys)} as acknowledged (acknowledged: ${list([...done])})`,
    );
  };

  const notAcked = async (t: CheckContext<U>, keys: readonly string[], why: string): Promise<void> => {
    await mustNotHappen(async () => {
      const done = new Set(await t.backend.acknowledged());
      const early = keys.filter((k) => done.has(k));
      return early.length > 0 ? `${list(early)} acknowledged ${why}` : undefined;
    }, watch);
  };

  const stopped = async (source: UpdateSource<U>): Promise<UpdateSourceStopResult> => {
    const result = await within(source.stop(), timeout, 'stop() to resolve');
    expectEqual(result, { unfinished: 0 }, 'stop() with every handler finished resolves with');
    return result;
  };

  const unknownCheck = check(
    'reports updates of unknown types on unknownUpdates$, never as updates, and goes on',
    async (t) => {
      const feedUnknown = t.backend.feedUnknown;
      if (feedUnknown === undefined) fail('the harness sets unknownUpdates, but its backend has no feedUnknown(type)');
      const source = await t.start();
      const seen: string[] = [];
      const unknown: string[] = [];
      t.keep(source.unknownUpdates$.subscribe((u) => unknown.push(u.update_type)));
      t.keep(source.subscribe((u) => seen.push(key(u))));
      await feedUnknown.call(t.backend, 'contract_unknown_type');
      await t.backend.feed(['after-unknown']);
      await until(
        () => seen.includes('after-unknown') && unknown.length > 0,
        () =>
          `the unknown update on unknownUpdates$ (got ${list(unknown)}) and after-unknown in the stream (seen ${list(seen)})`,
      );
      await acked(t, ['after-unknown']);
      await stopped(source);
      expectEqual(unknown, ['contract_unknown_type'], 'update types on unknownUpdates$');
      expectEqual(seen, ['after-unknown'], 'emitted keys');
    },
  );

  return [
    check('emits every update once, in the order the backend offers it', async (t) => {
      const source = await t.start();
      const seen: string[] = [];
      t.keep(source.subscribe((u) => seen.push(key(u))));
      const first = ['order-1', 'order-2', 'order-3'];
      const later = ['order-4', 'order-5', 'order-6'];
      await t.backend.feed(first);
      await until(
        () => seen.length >= first.length,
        () => `${list(first)} to be emitted (seen ${list(seen)})`,
      );
      await t.backend.feed(later);
      await until(
        () => seen.length >= first.length + later.length,
        () => `${list(later)} to be emitted (seen ${list(seen)})`,
      );
      await acked(t, [...first, ...later]);
      await stopped(source);
      expectEqual(seen, [...first, ...later], 'emitted keys');
    }),

    check('acknowledges an update only after every hold on it is released, and emits it once', async (t) => {
      const source = await t.start();
      const seen: string[] = [];
      const holds = new Map<string, ReleaseHold[]>();
      t.keep(
        source.subscribe((u) => {
          seen.push(key(u));
          // two holds: one on the update, one through an update derived from it
          holds.set(key(u), [holdUpdate(u), holdUpdate(deriveUpdate(u, { derived: true }))]);
        }),
      );
      const keys = ['hold-1', 'hold-2', 'hold-3'];
      await t.backend.feed(keys);
      for (const k of keys) {
        await until(
          () => holds.has(k),
          () => `${k} to be emitted (seen ${list(seen)})`,
        );
        const [direct, derived] = holds.get(k) ?? [];
        await notAcked(t, [k], 'while two holds on it were taken');
        direct?.();
        await notAcked(t, [k], 'while a hold taken through a derived update was still taken');
        derived?.();
        await acked(t, [k]);
      }
      await stopped(source);
      expectEqual(seen, keys, 'emitted keys');
    }),

    check('unsubscribing abandons held updates: they are delivered again, flagged with isRedelivery', async (t) => {
      const source = await t.start();
      const first: string[] = [];
      const subscription = source.pipe(mergeMap((u) => (first.push(key(u)), holdUntil(u, NEVER)))).subscribe();
      t.keep(subscription);
      const firstKey = 'again-1';
      const keys = [firstKey, 'again-2'];
      await t.backend.feed(keys);
      await until(
        () => first.includes(firstKey),
        () => `${firstKey} to be emitted`,
      );
      subscription.unsubscribe();
      const abandoned = [...first];
      await notAcked(t, abandoned, 'although its handler was cancelled (hold released as abandoned)');
      const second: { key: string; redelivery: boolean }[] = [];
      t.keep(source.subscribe((u) => second.push({ key: key(u), redelivery: isRedelivery(u) })));
      await until(
        () => keys.every((k) => second.some((s) => s.key === k)),
        () => `${list(keys)} to be delivered again (seen ${list(second.map((s) => s.key))})`,
      );
      await acked(t, keys);
      await stopped(source);
      expectEqual(
        second.map((s) => s.key),
        keys,
        'keys emitted to the next subscriber',
      );
      const unflagged = second.filter((s) => abandoned.includes(s.key) && !s.redelivery).map((s) => s.key);
      if (unflagged.length > 0)
        fail(`${list(unflagged)} emitted again after being abandoned, but isRedelivery(update) was false`);
    }),

    check('stop() waits for running handlers, then completes the source and status$', async (t) => {
      const source = await t.start();
      const events: string[] = [];
      t.keep(source.status$.subscribe({ complete: () => events.push('status$ complete') }));
      const finish = new Subject<void>();
      const seen: string[] = [];
      t.keep(
        source
          .pipe(mergeMap((u) => (seen.push(key(u)), holdUntil(u, finish))))
          .subscribe({ complete: () => events.push('source complete') }),
      );
      await t.backend.feed(['stop-1']);
      await until(
        () => seen.includes('stop-1'),
        () => 'stop-1 to be emitted',
      );
      let resolved = false;
      const stopping = source.stop();
      void stopping.then(
        () => (resolved = true),
        () => (resolved = true),
      );
      if (source.stop() !== stopping) fail('stop() called twice returned two different promises');
      await mustNotHappen(() => (resolved ? 'stop() resolved while a handler was still running' : undefined), watch);
      await notAcked(t, ['stop-1'], 'while its handler was still running during stop()');
      finish.next();
      const result = await within(stopping, timeout, 'stop() to resolve after the handler finished');
      expectEqual(result, { unfinished: 0 }, 'stop() with every handler finished resolves with');
      if (!events.includes('source complete')) fail('the source did not complete on stop()');
      if (!events.includes('status$ complete')) fail('status$ did not complete on stop()');
      await acked(t, ['stop-1']);
      let late = false;
      t.keep(source.subscribe({ complete: () => (late = true) }));
      if (!late) fail('subscribing after stop() did not complete at once');
    }),

    check('after stop(), a new source on the same backend delivers only what is new, unflagged', async (t) => {
      const before = await t.start();
      const seen: string[] = [];
      t.keep(before.subscribe((u) => seen.push(key(u))));
      await t.backend.feed(['restart-1', 'restart-2']);
      await until(
        () => seen.length >= 2,
        () => `restart-1 and restart-2 to be emitted (seen ${list(seen)})`,
      );
      await acked(t, ['restart-1', 'restart-2']);
      await stopped(before);
      const after = await t.start();
      const next: { key: string; redelivery: boolean }[] = [];
      t.keep(after.subscribe((u) => next.push({ key: key(u), redelivery: isRedelivery(u) })));
      await t.backend.feed(['restart-3']);
      await until(
        () => next.some((s) => s.key === 'restart-3'),
        () => `restart-3 to be emitted (seen ${list(next.map((s) => s.key))})`,
      );
      await acked(t, ['restart-3']);
      await stopped(after);
      expectEqual(seen, ['restart-1', 'restart-2'], 'keys emitted before stop()');
      expectEqual(next, [{ key: 'restart-3', redelivery: false }], 'updates emitted by the new source');
    }),
    ...(harness.unknownUpdates === true ? [unknownCheck] : []),
  ];
}

interface CheckContext<U extends object> {
  readonly backend: SourceContractBackend<U>;
  /** Starts a source, remembered for cleanup. */
  start(): Promise<UpdateSource<U>>;
  /** Remembers a subscription for cleanup. */
  keep(subscription: Subscription): void;
}

async function withBackend<U extends object>(
  harness: SourceContractHarness<U>,
  timeout: number,
  body: (t: CheckContext<U>) => Promise<void>,
): Promise<void> {
  const backend = await harness.setUp();
  const sources: UpdateSource<U>[] = [];
  const subscriptions: Subscription[] = [];
  try {
    await body({
      backend,
      start: async () => {
        const source = await backend.start();
        sources.push(source);
        return source;
      },
      keep: (subscription) => void subscriptions.push(subscription),
    });
  } finally {
    for (const subscription of subscriptions) subscription.unsubscribe();
    await Promise.allSettled(sources.map((s) => within(s.stop(), timeout, 'stop() while cleaning up')));
    await backend.close();
  }
}

/** An Observable that holds `update` until `done$` emits (released as handled) or it is unsubscribed (abandoned). */
function holdUntil(update: object, done$: Observable<unknown>): Observable<never> {
  return new Observable<never>((subscriber) => {
    const release = holdUpdate(update);
    const done = done$.pipe(take(1)).subscribe(() => {
      release('handled');
      subscriber.complete();
    });
    return () => {
      done.unsubscribe();
      release('abandoned'); // no-op after 'handled'
    };
  });
}

/** Watches `problem` for `ms`; fails as soon as it names one. */
async function mustNotHappen(
  problem: () => string | undefined | Promise<string | undefined>,
  ms: number,
): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await problem();
    if (found !== undefined) fail(found);
    if (Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(10, ms)));
  }
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TestKitAssertionError(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) fail(`${what}: expected ${e}, got ${a}`);
}

function fail(message: string): never {
  throw new TestKitAssertionError(`Update source contract: ${message}`);
}

function list(keys: readonly string[]): string {
  return keys.length === 0 ? '(none)' : keys.join(', ');
}
