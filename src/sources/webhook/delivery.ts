import { type Observable, type SchedulerLike, Subject } from 'rxjs';
import type { UnknownUpdate, Update } from '../../types/index';
import type { DeliveryTracker, HoldOutcome } from '../../delivery/hold-update';
import { InFlightUpdates } from '../../delivery/in-flight';
import { markRedelivery } from '../../delivery/redelivery';
import { ACCEPTED, type WebhookAnswer, type WebhookRejection, accepted, rejected } from './answer';
import { DeliveryMemory } from './delivery-memory';
import type { WebhookAckPolicy } from './options';
import type { WebhookStatus } from './webhook-status';

/**
 * Settings {@link UpdateDelivery} needs (a subset of the resolved webhook options).
 *
 * @example
 * const settings: DeliverySettings = {
 *   ack: 'handled', ackTimeout: 10_000, retryAfter: 5, redeliveryMemory: 10_000, scheduler: asyncScheduler,
 *   onUnknownUpdate: () => {}, onRejected: undefined,
 * };
 */
export interface DeliverySettings {
  readonly ack: WebhookAckPolicy;
  readonly ackTimeout: number;
  readonly retryAfter: number;
  readonly redeliveryMemory: number;
  readonly scheduler: SchedulerLike;
  readonly onUnknownUpdate: (update: UnknownUpdate) => void;
  readonly onRejected: ((rejection: WebhookRejection) => void) | undefined;
}

/**
 * Hands parsed updates to the hot update stream with delivery tracking, decides the answer
 * (ack policy, `503` when nobody listens), recognises redeliveries and reports on `status$`.
 * Knows nothing of HTTP.
 *
 * @example
 * const delivery = new UpdateDelivery(resolveWebhookOptions({ ack: 'received' }));
 * delivery.updates$.subscribe(handle);
 * const answer = await delivery.deliver(update, body); // 200
 */
export class UpdateDelivery {
  readonly #settings: DeliverySettings;
  readonly #updates = new Subject<Update>();
  readonly #unknown = new Subject<UnknownUpdate>();
  readonly #status = new Subject<WebhookStatus>();
  readonly #inFlight = new InFlightUpdates();
  readonly #memory: DeliveryMemory;
  readonly #next = (update: Update): void => this.#updates.next(update);
  #stopped = false;
  #statusDone = false;

  /** Known updates; hot and shared. Internal: the webhook exposes it only through its own Observable. */
  readonly updates$: Observable<Update>;
  /** Updates of types this version does not know; hot and shared. */
  readonly unknownUpdates$: Observable<UnknownUpdate>;
  /** Rejections, unknown updates, ack timeouts, stop; hot. */
  readonly status$: Observable<WebhookStatus>;

  constructor(settings: DeliverySettings) {
    this.#settings = settings;
    this.#memory = new DeliveryMemory(settings.redeliveryMemory);
    // the Subject itself (one subscriber hop less per update); the webhook wraps it in its own Observable
    this.updates$ = this.#updates;
    this.unknownUpdates$ = this.#unknown.asObservable();
    this.status$ = this.#status.asObservable();
  }

  /** `true` after {@link stop}. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** Updates emitted whose handling has not finished yet. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /**
   * Emits `update` and answers according to the ack policy. `body` is the request's content
   * (its bytes, or its text): the same body emitted before is flagged with `isRedelivery`.
   * Never rejects.
   */
  deliver(update: Update, body: Uint8Array | string): WebhookAnswer | Promise<WebhookAnswer> {
    if (this.#stopped)
      return rejected('webhook.stopped', 'this webhook is stopped; deliver the update again later', this.#retry());
    if (!this.#updates.observed) {
      return rejected(
        'no.subscriber',
        'nothing is subscribed to the webhook yet; deliver the update again later',
        this.#retry(),
      );
    }
    if (this.#memory.remember(body)) markRedelivery(update);
    if (this.#settings.ack === 'received') {
      // answered once the emission returned: nothing waits for the outcome, so no closure per update
      const failure = this.#emit(update, UNOBSERVED_OUTCOME);
      return failure ?? ACCEPTED;
    }
    // the outcome, once known; a promise only when handling outlives the emission
    let outcome: HoldOutcome | undefined;
    let settle: ((outcome: HoldOutcome) => void) | undefined;
    const hear = (result: HoldOutcome): void => {
      if (settle === undefined) outcome = result;
      else settle(result);
    };
    const failure = this.#emit(update, { handled: () => hear('handled'), abandoned: () => hear('abandoned') });
    if (failure !== undefined) return failure;
    if (outcome !== undefined) return this.#answer(outcome, update);
    const later = new Promise<HoldOutcome>((resolve) => (settle = resolve));
    return withTimeout(later, this.#settings.ackTimeout, this.#settings.scheduler).then((result) =>
      this.#answer(result, update),
    );
  }

  /** Emits `update` tracked; the `500` answer when the emission throws. */
  #emit(update: Update, tracker: DeliveryTracker): WebhookAnswer | undefined {
    try {
      this.#inFlight.emit(update, this.#next, tracker);
      return undefined;
    } catch (error) {
      // RxJS reports subscriber errors asynchronously, so this is a broken custom observer
      return rejected(
        'internal.error',
        `emitting the update failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  #retry(): { headers: Record<string, string> } {
    return { headers: { 'retry-after': String(this.#settings.retryAfter) } };
  }

  /** The answer for `ack: 'handled'` once the outcome (or the ack timeout) is known. */
  #answer(result: HoldOutcome | 'timeout', update: Update): WebhookAnswer {
    if (result === 'abandoned') {
      return rejected(
        'handling.abandoned',
        'handling of the update was cancelled; deliver it again later',
        this.#retry(),
      );
    }
    if (result === 'timeout') this.#status.next({ type: 'ack_timeout', update });
    return accepted(); // handled, or timed out: handling goes on, no redelivery
  }

  /** Reports an update of an unknown type (streams and callback) and answers `200`. */
  reportUnknown(update: UnknownUpdate): WebhookAnswer {
    try {
      this.#status.next({ type: 'unknown_update', update });
      this.#unknown.next(update);
    } catch {
      // a broken observer must not turn a valid delivery into a redelivery loop
    }
    try {
      this.#settings.onUnknownUpdate(update);
    } catch (error) {
      console.error('tamtam-rx webhook: onUnknownUpdate threw', error);
    }
    return accepted();
  }

  /** Reports a refused request on `status$` and to `onRejected`. Never throws. */
  reportRejection(rejection: WebhookRejection): void {
    try {
      this.#status.next({ type: 'rejected', rejection });
    } catch {
      // a broken observer must not break the answer
    }
    if (this.#settings.onRejected === undefined) return;
    try {
      this.#settings.onRejected(rejection);
    } catch (error) {
      console.error('tamtam-rx webhook: onRejected threw', error);
    }
  }

  /**
   * Refuses further updates (`503`), completes the update streams, waits up to `timeout` ms
   * for in-flight handling, then reports `stopped` and completes `status$`. Resolves with how
   * many updates were still being handled.
   */
  async stop(timeout: number): Promise<number> {
    if (!this.#stopped) {
      this.#stopped = true;
      this.#updates.complete();
      this.#unknown.complete();
    }
    const unfinished = await this.#inFlight.settled({ timeout, scheduler: this.#settings.scheduler });
    if (!this.#statusDone) {
      this.#statusDone = true;
      this.#status.next({ type: 'stopped' });
      this.#status.complete();
    }
    return unfinished;
  }
}

/** The tracker of `ack: 'received'`: the answer does not wait for the outcome (`stop()` still does). */
const UNOBSERVED_OUTCOME: DeliveryTracker = { handled: () => {}, abandoned: () => {} };

/** `promise`'s value, or `'timeout'` after `ms` on `scheduler`. */
function withTimeout<T>(promise: Promise<T>, ms: number, scheduler: SchedulerLike): Promise<T | 'timeout'> {
  return new Promise((resolve) => {
    const timer = scheduler.schedule(() => resolve('timeout'), ms);
    void promise.then((value) => {
      timer.unsubscribe();
      resolve(value);
    });
  });
}
