import { type Observable, Subject } from 'rxjs';
import type { UnknownUpdate, Update } from '../../types/index';
import { type HoldOutcome, emitTracked } from '../../delivery/hold-update';
import { type WebhookAnswer, accepted, rejected } from './answer';
import type { WebhookAckPolicy } from './options';

/**
 * Settings {@link UpdateDelivery} needs (a subset of the resolved webhook options).
 *
 * @example
 * const settings: DeliverySettings = { ack: 'handled', ackTimeout: 10_000, retryAfter: 5, onUnknownUpdate: () => {} };
 */
export interface DeliverySettings {
  readonly ack: WebhookAckPolicy;
  readonly ackTimeout: number;
  readonly retryAfter: number;
  readonly onUnknownUpdate: (update: UnknownUpdate) => void;
}

/**
 * Hands parsed updates to the hot `updates$` stream with delivery tracking, decides the answer
 * (ack policy, `503` when nobody listens) and reports unknown updates. Knows nothing of HTTP.
 *
 * @example
 * const delivery = new UpdateDelivery({ ack: 'received', ackTimeout: 10_000, retryAfter: 5, onUnknownUpdate: console.warn });
 * delivery.updates$.subscribe(handle);
 * const answer = await delivery.deliver(update); // 200
 */
export class UpdateDelivery {
  readonly #settings: DeliverySettings;
  readonly #updates = new Subject<Update>();
  readonly #unknown = new Subject<UnknownUpdate>();
  readonly #inFlight = new Set<Promise<HoldOutcome>>();
  #stopped = false;

  /** Known updates; hot and shared. */
  readonly updates$: Observable<Update>;
  /** Updates of types this version does not know; hot and shared. */
  readonly unknownUpdates$: Observable<UnknownUpdate>;

  constructor(settings: DeliverySettings) {
    this.#settings = settings;
    this.updates$ = this.#updates.asObservable();
    this.unknownUpdates$ = this.#unknown.asObservable();
  }

  /** `true` after {@link stop}. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** Updates emitted whose handling has not finished yet. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Emits `update` and answers according to the ack policy. Never rejects. */
  async deliver(update: Update): Promise<WebhookAnswer> {
    const retry = { headers: { 'retry-after': String(this.#settings.retryAfter) } };
    if (this.#stopped) return rejected('webhook.stopped', 'this webhook is stopped; deliver the update again later', retry);
    if (!this.#updates.observed) {
      return rejected('no.subscriber', 'nothing is subscribed to updates$ yet; deliver the update again later', retry);
    }
    let settle: (outcome: HoldOutcome) => void = () => {};
    const outcome = new Promise<HoldOutcome>((resolve) => (settle = resolve));
    this.#inFlight.add(outcome);
    void outcome.then(() => this.#inFlight.delete(outcome));
    try {
      emitTracked(update, (u) => this.#updates.next(u), { handled: () => settle('handled'), abandoned: () => settle('abandoned') });
    } catch (error) {
      // RxJS reports subscriber errors asynchronously, so this is a broken custom observer
      return rejected('internal.error', `emitting the update failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.#settings.ack === 'received') return accepted();
    const result = await withTimeout(outcome, this.#settings.ackTimeout);
    if (result === 'abandoned') {
      return rejected('handling.abandoned', 'handling of the update was cancelled; deliver it again later', retry);
    }
    return accepted(); // handled, or timed out: handling goes on, no redelivery
  }

  /** Reports an update of an unknown type (stream and callback) and answers `200`. */
  reportUnknown(update: UnknownUpdate): WebhookAnswer {
    try {
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

  /**
   * Refuses further updates (`503`), completes both streams and waits up to `timeout` ms for
   * in-flight handling. Resolves with how many updates were still being handled.
   */
  async stop(timeout: number): Promise<number> {
    if (!this.#stopped) {
      this.#stopped = true;
      this.#updates.complete();
      this.#unknown.complete();
    }
    if (this.#inFlight.size > 0) await withTimeout(Promise.all([...this.#inFlight]), timeout);
    return this.#inFlight.size;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
