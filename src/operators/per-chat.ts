import { type ObservableInput, type OperatorFunction, Observable, type Subscription, from } from 'rxjs';
import { HandlerError, reportHandlerError } from './handler-error';
import { type HoldOutcome, holdUpdate, type ReleaseHold } from '../delivery/hold-update';
import { chatIdOf, userIdOf } from './update-context';
import type { AnyUpdate, UpdateLike } from './update-like';

/**
 * Live counters of a `perChat` (or `isolate`) subscription, for metrics and tests. Create one
 * with {@link perChatStats}, pass it as the `stats` option and read it any time.
 *
 * @example
 * const stats = perChatStats();
 * updates$.pipe(perChat(handle, { stats })).subscribe();
 * setInterval(() => gauge.set(stats.queued), 10_000);
 */
export interface PerChatStats {
  /** Keys with a running or queued handler. Idle keys are released, so this returns to 0. */
  liveKeys: number;
  /** Handlers running now (never more than `concurrency`). */
  running: number;
  /** Updates waiting for their key's previous update or for a free slot. */
  queued: number;
}

/**
 * A fresh {@link PerChatStats}, all zeros.
 *
 * @example
 * const stats = perChatStats(); // { liveKeys: 0, running: 0, queued: 0 }
 */
export function perChatStats(): PerChatStats {
  return { liveKeys: 0, running: 0, queued: 0 };
}

/**
 * Options of {@link perChat}.
 *
 * @example
 * perChat(handle, { key: (u) => userIdOf(u), concurrency: 16, onError: (e) => log.error(e) });
 */
export interface PerChatOptions<U> {
  /**
   * Which updates must run one after another. Updates with the same key run in arrival order;
   * different keys run concurrently. Any value works as a key (compared like `Map` keys).
   * Default {@link chatKey}: the chat, else the user, else one shared lane.
   */
  readonly key?: (update: U) => unknown;
  /**
   * Most handlers running at once over all keys; a whole number ≥ 1 or `Infinity`. Default
   * `Infinity`: one handler per busy chat. Order within a chat is kept whatever the value, the
   * api's rate limiter caps the request rate, and a source bounds what is in flight (long
   * polling fetches at most `maxPending` updates ahead), so a cap here would only make chats
   * wait on slow handlers of other chats (at 100 ms of API latency, 32 handlers answer at most
   * ~320 replies/s). Set one to bound the work of a single busy source.
   */
  readonly concurrency?: number;
  /**
   * Hears every handler failure (an error in its Observable or a synchronous throw, and a
   * throwing `key`) with the update that caused it; the stream goes on with the next update.
   * If `onError` itself throws, the output errors with that error.
   * Default {@link reportHandlerError} (`console.error`).
   */
  readonly onError?: (error: HandlerError<U>) => void;
  /** Counters to keep up to date (see {@link perChatStats}). */
  readonly stats?: PerChatStats;
}

/**
 * The default `perChat` key: `chat:<id>` for updates in a chat (dialogs included), else
 * `user:<id>` (constructor updates), else `''` (one shared lane for the rest).
 *
 * @example
 * perChat(handle, { key: (u) => `${chatKey(u)}/${u.update_type}` }); // a lane per chat and type
 */
export function chatKey(update: UpdateLike): string {
  const chatId = chatIdOf(update);
  if (chatId !== null) return `chat:${chatId}`;
  const userId = userIdOf(update);
  return userId === null ? '' : `user:${userId}`;
}

/**
 * Runs `handler` for every update and merges what the handlers emit, keeping order within a
 * chat (or any `key`) while different chats run concurrently, at most `concurrency` at once.
 *
 * - A handler that errors or throws is reported to `onError` as a {@link HandlerError}
 *   carrying the update; the stream and the chat go on with the next update.
 * - Unsubscribing cancels running handlers and drops queued updates.
 * - Keys are released as soon as they have nothing running or queued, so memory follows the
 *   number of busy chats, not all chats ever seen.
 * - When the source completes, the output completes after the last handler; a source error
 *   is passed on at once (running handlers are cancelled).
 * - Updates from a delivery-tracking source are held until their handler finishes, so the
 *   source acknowledges them only once handled (and redelivers them if cancelled).
 *
 * @example
 * updates$.pipe(
 *   ofType('message_created'),
 *   perChat((u) => reply(api, u, `You said: ${u.message.body.text ?? ''}`), {
 *     concurrency: 16,
 *     onError: (e) => log.error(e),
 *   }),
 * ).subscribe();
 */
export function perChat<U extends UpdateLike = AnyUpdate, R = never>(
  handler: (update: U) => ObservableInput<R>,
  options: PerChatOptions<U> = {},
): OperatorFunction<U, R> {
  return runKeyed('perChat', handler, options.key ?? chatKey, options.concurrency ?? Infinity, options);
}

interface Item<U> {
  readonly update: U;
  readonly release: ReleaseHold;
}

interface Lane<U> {
  readonly key: unknown;
  readonly queue: Item<U>[];
  current: Item<U> | null;
  subscription: Subscription | null;
  waiting: boolean;
}

/**
 * The scheduler behind `perChat` and `isolate`: keyed lanes, a global slot count, per-update
 * error capture and delivery holds.
 *
 * @example
 * runKeyed('isolate', handler, (u) => u, Infinity, {});
 */
export function runKeyed<U, R>(
  operator: string,
  handler: (update: U) => ObservableInput<R>,
  keyOf: (update: U) => unknown,
  concurrency: number,
  options: { readonly onError?: (error: HandlerError<U>) => void; readonly stats?: PerChatStats },
): OperatorFunction<U, R> {
  if (typeof handler !== 'function')
    throw new TypeError(`${operator}: the handler must be a function (update) => Observable`);
  if (typeof keyOf !== 'function') throw new TypeError(`${operator}: options.key must be a function (update) => key`);
  if (!(concurrency === Infinity || (Number.isInteger(concurrency) && concurrency >= 1))) {
    throw new TypeError(
      `${operator}: options.concurrency must be a whole number ≥ 1 or Infinity, got ${String(concurrency)}`,
    );
  }
  const onError = options.onError ?? (reportHandlerError as (error: HandlerError<U>) => void);
  const stats = options.stats;

  return (source) =>
    new Observable<R>((subscriber) => {
      const lanes = new Map<unknown, Lane<U>>();
      const ready = new LaneQueue<U>();
      let running = 0;
      let queued = 0;
      let draining = false;
      let sourceDone = false;
      let closed = false;

      const count = (): void => {
        if (stats === undefined) return;
        stats.liveKeys = lanes.size;
        stats.running = running;
        stats.queued = queued;
      };

      /** Hands a failure to onError; `false` when onError threw (the output then errors). */
      const report = (update: U, error: unknown): boolean => {
        try {
          onError(new HandlerError(update, error));
          return true;
        } catch (thrown) {
          subscriber.error(thrown);
          return false;
        }
      };

      const finish = (lane: Lane<U>, item: Item<U>, outcome: HoldOutcome = 'handled'): void => {
        if (lane.current !== item) return;
        lane.current = null;
        lane.subscription = null;
        running -= 1;
        item.release(outcome);
        if (lane.queue.length > 0) {
          lane.waiting = true;
          ready.push(lane);
        } else {
          lanes.delete(lane.key);
        }
        count();
        drain();
      };

      const start = (lane: Lane<U>): void => {
        const item = lane.queue.shift() as Item<U>;
        queued -= 1;
        running += 1;
        lane.current = item;
        count();
        let input: Observable<R>;
        try {
          input = from(handler(item.update));
        } catch (error) {
          finish(lane, item, report(item.update, error) ? 'handled' : 'abandoned');
          return;
        }
        const subscription = input.subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => finish(lane, item, report(item.update, error) ? 'handled' : 'abandoned'),
          complete: () => finish(lane, item),
        });
        // A handler that finished synchronously has already moved the lane on.
        if (lane.current === item) lane.subscription = subscription;
      };

      const drain = (): void => {
        if (draining) return;
        draining = true;
        try {
          while (!closed && !subscriber.closed && running < concurrency) {
            const lane = ready.shift();
            if (lane === undefined) break;
            lane.waiting = false;
            start(lane);
          }
        } finally {
          draining = false;
        }
        if (sourceDone && lanes.size === 0 && !closed) subscriber.complete();
      };

      const sourceSubscription = source.subscribe({
        next: (update) => {
          if (closed || subscriber.closed) {
            // The output already ended (e.g. onError threw) while a synchronous source was
            // still emitting: leave the update to be delivered again.
            holdUpdate(update as object)('abandoned');
            return;
          }
          let key: unknown;
          try {
            key = keyOf(update);
          } catch (error) {
            if (!report(update, error)) holdUpdate(update as object)('abandoned');
            return;
          }
          const item: Item<U> = { update, release: holdUpdate(update as object) };
          let lane = lanes.get(key);
          if (lane === undefined) {
            lane = { key, queue: [], current: null, subscription: null, waiting: false };
            lanes.set(key, lane);
          }
          lane.queue.push(item);
          queued += 1;
          if (lane.current === null && !lane.waiting) {
            lane.waiting = true;
            ready.push(lane);
          }
          count();
          drain();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          drain();
        },
      });

      return () => {
        closed = true;
        sourceSubscription.unsubscribe();
        for (const lane of lanes.values()) {
          const current = lane.current;
          lane.current = null;
          lane.subscription?.unsubscribe();
          current?.release('abandoned');
          for (const item of lane.queue.splice(0)) item.release('abandoned');
        }
        lanes.clear();
        ready.clear();
        running = 0;
        queued = 0;
        count();
      };
    });
}

/** FIFO of lanes waiting for a slot; O(1) push and shift. */
class LaneQueue<U> {
  private items: (Lane<U> | undefined)[] = [];
  private head = 0;

  push(lane: Lane<U>): void {
    this.items.push(lane);
  }

  shift(): Lane<U> | undefined {
    if (this.head >= this.items.length) return undefined;
    const lane = this.items[this.head];
    this.items[this.head] = undefined;
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return lane;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
