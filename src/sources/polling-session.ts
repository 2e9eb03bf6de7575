import { type Subscriber, type Subscription, map } from 'rxjs';
import { getSubscriptions, unsubscribe } from '../actions/subscriptions';
import type { Observable } from 'rxjs';
import { InFlightUpdates } from '../delivery/in-flight';
import type { HoldOutcome, SettleListener } from '../delivery/hold-update';
import type { OperationResultOf } from '../api/operation-table';
import type { UnknownUpdate, Update } from '../types/index';
import { type InvalidUpdate, updateChecker } from './classify-update';
import type { ResolvedLongPollingOptions } from './long-polling-options';
import { type PollRequest, pollAfter, pollWith, retryLikePolls } from './poll-with-backoff';
import { type PreparedGet, prepareGet } from '../api/prepared-get';
import type { Deadline } from '../api/read-response';
import { type RequestSpecIn, buildAnyRequest } from '../api/request-spec';
import { getUpdatesInput } from '../actions/updates';
import type { MonoTypeOperatorFunction } from 'rxjs';
import { WebhookConflictError } from './webhook-conflict-error';
import type { PollingStatus } from './polling-status';
import { markRedelivery } from '../delivery/redelivery';
import { checkSubscriptionList, checkUpdateList } from './poll-answer';
import type { PollingApi, PollingTable } from './polling-api';

type UpdateListOf = OperationResultOf<PollingTable, 'getUpdates'>;

/**
 * One running polling loop (one per set of subscribers). Order of work per batch:
 * poll → persist marker + batch as pending → emit. The next poll commits the batch on the
 * server, but by then it is durable locally; handled updates leave `pending`, and whatever
 * is still pending after a crash is replayed first on the next start.
 *
 * A batch is tracked as one unit while nobody holds its updates: it is saved as `incoming`
 * (part of the pending state) before it is emitted, and only the updates still held when
 * their emission returns enter `pending`; the others are done, and one save after the batch
 * records it. So an update nobody holds costs no pending-list work of its own.
 */
export class PollingSession {
  #marker: number | null = null;
  /** Emitted (or replayed) updates not handled yet, in arrival order. */
  readonly #pending = new Set<Update>();
  /** The batch being accepted: pending as a whole until its emission ends. */
  #incoming: readonly Update[] = [];
  readonly #inFlight = new InFlightUpdates();
  #stopping = false;
  /** Set once `run` has finished: late settlements no longer touch the store (a new session may own it). */
  #done = false;
  #unfinished = 0;
  #disposed = false;
  #poll: Subscription | undefined;
  /** The prepared attempt in flight, if any: aborted by stop() and dispose(). */
  #attempt: Deadline<UpdateListOf> | undefined;
  /**
   * Resolves the call in flight with `undefined` (cancelled). The resolve function itself, not
   * a closure made per poll: a closure stored on the session kept each batch alive through
   * young-generation collections (3× the bytes promoted per update, twice the GC time).
   */
  #cancelPoll: ((cancelled: undefined) => void) | undefined;
  #wake: (() => void) | undefined;
  #saving: Promise<void> = Promise.resolve();
  #dirty = false;
  /** The update being emitted, and how it settled during its own emission (`undefined`: still held). */
  #emitting: Update | undefined;
  #emittingOutcome: HoldOutcome | undefined;
  readonly #next = (update: Update): void => this.subscriber.next(update);
  /** One listener for every emitted update. */
  readonly #settled: SettleListener<Update> = (update, outcome) => {
    if (update === this.#emitting) this.#emittingOutcome = outcome;
    else this.#settle(update, outcome === 'handled');
  };
  readonly #finished: Promise<void>;
  #finish!: () => void;
  /** Classifies against the dialect's types (rules looked up once per update). */
  readonly #check: (value: unknown) => 'known' | 'unknown' | InvalidUpdate;
  /** The poll's retry rule, built once for every poll of the session. */
  readonly #pollRetry: MonoTypeOperatorFunction<UpdateListOf>;
  /** The poll's request prepared once (see {@link PollingSession.#fetch}); `undefined`: every poll through `api.request`. */
  #prepared: PreparedGet<UpdateListOf> | undefined;

  constructor(
    private readonly api: PollingApi,
    /** The update types of the api's dialect: others are reported as unknown. */
    knownTypes: ReadonlySet<string>,
    private readonly options: ResolvedLongPollingOptions,
    private readonly subscriber: Subscriber<Update>,
    private readonly report: (status: PollingStatus) => void,
  ) {
    this.#finished = new Promise((resolve) => (this.#finish = resolve));
    this.#check = updateChecker(knownTypes);
    this.#pollRetry = retryLikePolls('GET', 'getUpdates', options.backoff, (attempt, delay, error) =>
      report({ type: 'retry', attempt, delay, error, operation: 'getUpdates' }),
    );
  }

  /** Runs the loop until stopped, disposed or a fatal error. */
  async run(): Promise<void> {
    try {
      const state = await this.options.store.load();
      if (this.#disposed) return;
      this.#marker = state?.marker ?? null;
      if (!(await this.#refuseWebhook())) {
        // stopped or disposed during the start-up check
        if (this.#disposed) return;
        this.#done = true;
        this.report({ type: 'stopped' });
        this.subscriber.complete();
        return;
      }
      const replay = (state?.pending ?? []).map((u) => ({ ...u }));
      for (const update of replay) this.#pending.add(update);
      this.report({ type: 'started', marker: this.#marker, replayed: replay.length });
      let forgotten = false;
      for (const update of replay) {
        markRedelivery(update);
        if (this.#emit(update)) forgotten = true;
      }
      if (forgotten) this.#saved();
      this.#prepared = this.#preparePoll();
      while (!this.#stopping && !this.#disposed) {
        if (!this.#hasRoom()) await this.#capacity();
        if (this.#stopping || this.#disposed) break;
        const list = await this.#fetch();
        if (list === undefined) break;
        await this.#accept(list);
      }
      if (this.#disposed) return;
      this.#unfinished = await this.#inFlight.settled({ timeout: this.options.stopTimeout });
      await this.#save();
      this.#done = true;
      this.report({ type: 'stopped' });
      this.subscriber.complete();
    } catch (error) {
      if (!this.#disposed) this.subscriber.error(error);
    } finally {
      this.#done = true;
      this.#finish();
    }
  }

  /**
   * Graceful stop: no new polls, the in-flight one aborted, waits for handling (up to
   * `stopTimeout`), saves. Resolves with the number of updates still being handled then.
   */
  stop(): Promise<number> {
    this.#stopping = true;
    this.#abortPoll();
    this.#wake?.();
    return this.#finished.then(() => this.#unfinished);
  }

  /** Abrupt end (every subscriber left): aborts the poll and saves what is pending. */
  dispose(): void {
    if (this.#disposed) return;
    const graceful = this.#stopping;
    this.#disposed = true;
    this.#abortPoll();
    this.#wake?.();
    if (!graceful) {
      void this.#save().catch(() => {});
      this.report({ type: 'stopped' });
    }
  }

  /**
   * The start-up check: a webhook subscription starves long polling. Its calls follow the
   * poll's retry rule (a 500, a malformed answer or dropped connections at start are retried
   * forever, reported on `status$`); only what no retry fixes ends the stream: 401/403 and the
   * other fatal answers, or a subscription the user must remove ({@link WebhookConflictError}).
   */
  async #refuseWebhook(): Promise<boolean> {
    const list = await this.#retrying(
      getSubscriptions(this.api, { retry: false }).pipe(
        map(checkSubscriptionList),
        this.#startRetry('GET', 'getSubscriptions'),
      ),
    );
    if (list === undefined) return false;
    const { subscriptions } = list;
    if (subscriptions.length === 0) return true;
    if (!this.options.deleteWebhook) throw new WebhookConflictError(subscriptions.map((s) => s.url));
    for (const { url } of subscriptions) {
      const done = await this.#retrying(
        unsubscribe(this.api, url, { retry: false }).pipe(this.#startRetry('DELETE', 'unsubscribe')),
      );
      if (done === undefined) return false;
      this.report({ type: 'webhook_removed', url });
    }
    return true;
  }

  #startRetry<T>(method: 'GET' | 'DELETE', operation: string) {
    return retryLikePolls<T>(method, operation, this.options.backoff, (attempt, delay, error) =>
      this.report({ type: 'retry', attempt, delay, error, operation }),
    );
  }

  /**
   * Resolves when a whole batch fits: `pending + limit ≤ maxPending` (the fetch-ahead bound,
   * which also bounds the redeliveries after a crash), or when stopping.
   */
  async #capacity(): Promise<void> {
    while (!this.#hasRoom() && !this.#stopping && !this.#disposed) {
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  /** True when a whole batch fits under `maxPending` (checked before awaiting: no promise per poll). */
  #hasRoom(): boolean {
    return this.#pending.size + this.options.limit <= this.options.maxPending;
  }

  /**
   * One poll. With an api made by `createApi` (and its rate limiter not pacing) the first
   * attempt is the prepared request, a promise; if it fails, the poll continues under the same
   * retry rule as any other ({@link pollAfter}: the failure is its first error). Otherwise the
   * whole poll is {@link pollWith}'s Observable.
   */
  #fetch(): Promise<UpdateListOf | undefined> {
    if (this.#stopping || this.#disposed) return Promise.resolve(undefined);
    const attempt = this.#prepared?.attempt(this.#marker);
    if (attempt === undefined) return this.#retrying(pollWith(this.api, this.#request(), this.#pollRetry));
    return new Promise((resolve, reject) => {
      this.#attempt = attempt;
      this.#cancelPoll = resolve;
      const retry = (error: unknown): void => {
        this.#retrying(pollAfter(error, this.api, this.#request(), this.#pollRetry)).then(resolve, reject);
      };
      attempt.result.then(
        (list) => {
          this.#attempt = undefined;
          try {
            resolve(checkUpdateList(list));
          } catch (error) {
            retry(error); // an answer of the wrong shape: retried like an unreadable one
          }
        },
        (error: unknown) => {
          if (this.#attempt !== attempt) return; // aborted by stop() or dispose(), which resolved the poll
          this.#attempt = undefined;
          retry(error);
        },
      );
    });
  }

  #request(): PollRequest {
    return {
      marker: this.#marker,
      limit: this.options.limit,
      timeout: this.options.timeout,
      types: this.options.types,
    };
  }

  /**
   * The session's poll prepared once (URL, headers, deadline) from the same input `getUpdates`
   * builds, so both send the same request; `undefined` when the api is not `createApi`'s.
   */
  #preparePoll(): PreparedGet<UpdateListOf> | undefined {
    const table = this.api.dialect?.operations;
    if (table === undefined) return undefined;
    const { limit, timeout, types } = this.options;
    const input = getUpdatesInput(this.api, { limit, timeout, ...(types ? { types } : {}) });
    // the row of the api's own table, built as `call` builds it (whose wire shape equals the reference row's)
    const spec = buildAnyRequest(table, 'getUpdates', input) as RequestSpecIn<PollingTable, 'getUpdates'>;
    return prepareGet(this.api, spec, 'marker');
  }

  /** The first value of a call of the loop; `undefined` when stop() or dispose() cancelled it (the request is aborted). */
  #retrying<T>(call$: Observable<T>): Promise<T | undefined> {
    if (this.#stopping || this.#disposed) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      this.#cancelPoll = resolve;
      this.#poll = call$.subscribe({ next: resolve, error: reject });
    });
  }

  #abortPoll(): void {
    this.#poll?.unsubscribe();
    const attempt = this.#attempt;
    this.#attempt = undefined;
    attempt?.abort();
    this.#cancelPoll?.(undefined);
  }

  async #accept(list: UpdateListOf): Promise<void> {
    const known: Update[] = [];
    const unknown: UnknownUpdate[] = [];
    const invalid: { value: unknown; reason: string }[] = [];
    const updates: readonly unknown[] = list.updates;
    for (let i = 0; i < updates.length; i++) {
      const raw = updates[i];
      const kind = this.#check(raw);
      if (kind === 'known') known.push(raw as Update);
      else if (kind === 'unknown') unknown.push(raw as UnknownUpdate);
      else invalid.push({ value: raw, reason: kind.reason });
    }
    if (list.marker !== null && list.marker !== undefined) this.#marker = list.marker;
    this.#incoming = known;
    await this.#save(); // durable before the next poll commits this batch on the server
    this.report({ type: 'batch', count: list.updates.length, marker: this.#marker });
    let next = 0;
    try {
      while (next < known.length && !this.#disposed) this.#emit(known[next++] as Update);
    } finally {
      // not emitted (disposed meanwhile): they stay pending, to be delivered again
      while (next < known.length) this.#pending.add(known[next++] as Update);
      this.#incoming = [];
    }
    if (known.length > 0) this.#saved();
    for (const update of unknown) {
      this.report({ type: 'unknown_update', update });
      this.options.onUnknownUpdate(update);
    }
    for (const { value, reason } of invalid) this.report({ type: 'invalid_update', value, reason });
  }

  /**
   * Emits one update (of the batch or a replay, which is already in `pending`). Returns true
   * when it was handled during its own emission (it is then no longer pending); an update still
   * held, or abandoned, is (still) pending.
   */
  #emit(update: Update): boolean {
    this.#emitting = update;
    this.#emittingOutcome = undefined;
    try {
      this.#inFlight.emit(update, this.#next, this.#settled);
    } finally {
      this.#emitting = undefined;
    }
    const outcome = this.#emittingOutcome;
    if (outcome === 'handled') {
      if (this.#pending.size > 0) this.#pending.delete(update); // a fresh update is not in it
      return true;
    }
    this.#pending.add(update);
    if (outcome === 'abandoned') this.#wake?.();
    return false;
  }

  /** An update settled after its emission: a handled one leaves `pending` (and the store). */
  #settle(update: Update, handled: boolean): void {
    if (!handled || this.#done) {
      this.#wake?.();
      return;
    }
    this.#pending.delete(update);
    this.#saved();
  }

  /** After `pending` shrank: saves (coalesced) and wakes a loop waiting for room. */
  #saved(): void {
    if (this.#done) return;
    if (!this.#disposed) void this.#save().catch((error: unknown) => this.subscriber.error(error));
    this.#wake?.();
  }

  /**
   * What the store keeps as pending: `pending`, then the batch being accepted. While nothing
   * else is pending that is the batch's own list (never changed after it is accepted): no copy.
   */
  #unhandled(): readonly Update[] {
    return this.#pending.size === 0 ? this.#incoming : [...this.#pending, ...this.#incoming];
  }

  /** Saves the current state; concurrent calls coalesce into one trailing save. */
  #save(): Promise<void> {
    if (this.#dirty) return this.#saving;
    this.#dirty = true;
    this.#saving = this.#saving
      .catch(() => {})
      .then(() => {
        this.#dirty = false;
        return this.options.store.save({ marker: this.#marker, pending: this.#unhandled() });
      });
    return this.#saving;
  }
}
