import { type SchedulerLike, type Subscription, asyncScheduler } from 'rxjs';
import { type DeliveryTracker, type SettleCounter, type SettleListener, trackEmission } from './hold-update';

/**
 * Options of {@link InFlightUpdates.settled}.
 *
 * @example
 * await inFlight.settled({ timeout: 30_000, scheduler: asyncScheduler });
 */
export interface SettleOptions {
  /** Stop waiting after this many ms. Default: wait as long as it takes. */
  readonly timeout?: number;
  /** Scheduler of the timeout (a `TestScheduler` or `VirtualTimeScheduler` in tests). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * The updates a source emitted whose handling has not settled yet: what a graceful `stop()`
 * waits for. Emit through it instead of calling {@link emitTracked} directly, then
 * `await inFlight.settled({ timeout })` when stopping.
 *
 * @example
 * const inFlight = new InFlightUpdates();
 * inFlight.emit(update, (u) => subscriber.next(u), { handled: () => ack(update), abandoned: () => nack(update) });
 * // in stop():
 * const unfinished = await inFlight.settled({ timeout: 30_000 });
 */
export class InFlightUpdates {
  #count = 0;
  readonly #waiters = new Set<() => void>();
  /** One counter for every update (no wrapper per emission). */
  readonly #counter: SettleCounter = { settledOne: () => this.#settle() };

  /** Updates emitted through {@link emit} that are neither handled nor abandoned yet. */
  get size(): number {
    return this.#count;
  }

  /**
   * Emits `update` tracked (see {@link emitTracked}) and counts it until the tracker (or the
   * listener, which may be one function shared by every update) hears `handled` or
   * `abandoned`. The tracker is called before the count drops.
   *
   * @example
   * inFlight.emit(update, (u) => subscriber.next(u), tracker);
   * inFlight.emit(update, next, (u, outcome) => (outcome === 'handled' ? ack(u) : nack(u)));
   */
  emit<T extends object>(update: T, emit: (update: T) => void, tracker: DeliveryTracker | SettleListener<T>): void {
    this.#count += 1;
    trackEmission(update, emit, tracker, this.#counter);
  }

  /**
   * Resolves when nothing is in flight (at once when nothing is), or when `timeout` ms have
   * passed, with how many updates were still unsettled then (`0` when all settled).
   *
   * @example
   * const unfinished = await inFlight.settled({ timeout: 5_000 });
   * if (unfinished > 0) log.warn(`${unfinished} handlers still running`);
   */
  settled(options: SettleOptions = {}): Promise<number> {
    if (this.#count === 0) return Promise.resolve(0);
    return new Promise<number>((resolve) => {
      let timer: Subscription | undefined;
      const done = (): void => {
        this.#waiters.delete(done);
        timer?.unsubscribe();
        resolve(this.#count);
      };
      this.#waiters.add(done);
      if (options.timeout !== undefined && options.timeout !== Infinity) {
        timer = (options.scheduler ?? asyncScheduler).schedule(done, Math.max(0, options.timeout));
      }
    });
  }

  #settle(): void {
    this.#count -= 1;
    if (this.#count > 0 || this.#waiters.size === 0) return; // after every update nobody holds: no copy
    for (const wake of [...this.#waiters]) wake();
  }
}
