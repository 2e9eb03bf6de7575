/**
 * Webhook subscriptions and in-order delivery with retries.
 */
import type { Subscription, Update } from '../../types';
import { TAMTAM_EMULATOR_DIALECT, type WebhookSchedule } from '../dialect';
import { sleep } from '../http/sleep';
import type { WebhookDelivery, WebhookOptions } from './webhook-options';
import { resolveWebhookOptions } from './webhook-options';

interface Target {
  subscription: Subscription;
  /** Sent back in the dialect's secret header on every delivery. */
  secret: string | undefined;
  /** When the current run of failures began (clock time); `undefined` after a success. */
  failingSince: number | undefined;
  queue: Update[];
  pumping: Promise<void> | undefined;
  abort: AbortController;
}

/**
 * The dispatcher's time: when an attempt starts and how it waits before a retry. Inject one to
 * run retries without real waiting (tests); the default is the system clock and `setTimeout`.
 *
 * @example
 * const clock: WebhookClock = { now: () => scheduler.now(), sleep: (ms, signal) => manualSleep(ms, signal) };
 * const hooks = new WebhookDispatcher({}, clock);
 */
export interface WebhookClock {
  /** Milliseconds since epoch, recorded as `WebhookDelivery.at`. */
  now(): number;
  /**
   * Resolves after `ms`, or as soon as `signal` aborts; never rejects. It is only called with a
   * signal that has not aborted yet.
   */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

const SYSTEM_CLOCK: WebhookClock = { now: () => Date.now(), sleep };

/**
 * Where the dispatcher's defaults come from: the dialect's retry schedule and secret header.
 *
 * @example
 * const hooks = new WebhookDispatcher({}, undefined, { schedule: MAX_EMULATOR_DIALECT.webhookSchedule, secretHeader: 'X-Max-Bot-Api-Secret' });
 */
export interface WebhookDialect {
  readonly schedule: WebhookSchedule;
  /** Header that carries a subscription's secret; `undefined`: secrets are never sent. */
  readonly secretHeader: string | undefined;
}

/**
 * Keeps webhook subscriptions and delivers updates to them: one `Update` JSON per POST, in
 * order per subscription; any status other than 200 is a failure and is retried with growing
 * delays until `maxAttempts`, then that update is dropped and the next one goes. A
 * subscription failing for `unsubscribeAfterMs` without a success is removed (Max). Every
 * attempt is recorded. `close()` (and unsubscribing) aborts the request in flight and the wait
 * before a retry, so it never waits for a retry delay.
 *
 * @example
 * const hooks = new WebhookDispatcher({ timeScale: 0.001 });
 * hooks.subscribe({ url: 'http://127.0.0.1:9000/hook', time: Date.now(), update_types: null, version: null });
 * hooks.deliver(update);
 * await hooks.idle();
 */
export class WebhookDispatcher {
  private readonly options: Required<WebhookOptions>;
  private readonly secretHeader: string | undefined;
  private readonly targets = new Map<string, Target>();
  private readonly log: WebhookDelivery[] = [];
  private closed = false;

  constructor(
    options: WebhookOptions = {},
    private readonly clock: WebhookClock = SYSTEM_CLOCK,
    dialect: WebhookDialect = { schedule: TAMTAM_EMULATOR_DIALECT.webhookSchedule, secretHeader: undefined },
  ) {
    this.options = resolveWebhookOptions(options, dialect.schedule);
    this.secretHeader = dialect.secretHeader;
  }

  /** Whether any subscription exists (then long polling gets no new updates). */
  get active(): boolean {
    return this.targets.size > 0;
  }

  /** Adds or replaces the subscription for its URL; `secret` goes in the dialect's secret header. */
  subscribe(subscription: Subscription, secret?: string): void {
    this.unsubscribe(subscription.url);
    this.targets.set(subscription.url, {
      subscription,
      secret: this.secretHeader === undefined ? undefined : secret,
      failingSince: undefined,
      queue: [],
      pumping: undefined,
      abort: new AbortController(),
    });
  }

  /** Removes a subscription, dropping its undelivered updates. `false` if there was none. */
  unsubscribe(url: string): boolean {
    const target = this.targets.get(url);
    if (!target) return false;
    this.targets.delete(url);
    target.queue.length = 0;
    target.abort.abort();
    return true;
  }

  /** Current subscriptions. */
  list(): Subscription[] {
    return [...this.targets.values()].map((t) => structuredClone(t.subscription));
  }

  /** Queues `update` for every subscription that wants its type. */
  deliver(update: Update): void {
    if (this.closed) return;
    for (const target of this.targets.values()) {
      const types = target.subscription.update_types;
      if (types && types.length > 0 && !types.includes(update.update_type)) continue;
      target.queue.push(update);
      this.kick(target);
    }
  }

  private kick(target: Target): void {
    if (target.pumping) return;
    target.pumping = this.pump(target).finally(() => {
      target.pumping = undefined;
      if (target.queue.length > 0 && this.targets.get(target.subscription.url) === target) this.kick(target);
    });
  }

  /** Every attempt so far, oldest first. */
  deliveries(): WebhookDelivery[] {
    return this.log.map((d) => ({ ...d }));
  }

  /** Resolves once no subscription has updates waiting or in flight. */
  async idle(): Promise<void> {
    for (;;) {
      const busy = [...this.targets.values()].map((t) => t.pumping).filter((p) => p !== undefined);
      if (busy.length === 0) return;
      await Promise.all(busy);
    }
  }

  /**
   * Stops all deliveries and retries at once: aborts every request in flight and every wait
   * before a retry, and resolves when the deliveries have stopped.
   */
  async close(): Promise<void> {
    this.closed = true;
    const pumps = [...this.targets.values()].map((t) => t.pumping);
    for (const url of [...this.targets.keys()]) this.unsubscribe(url);
    await Promise.allSettled(pumps);
  }

  private async pump(target: Target): Promise<void> {
    const { signal } = target.abort;
    while (target.queue.length > 0 && !signal.aborted) {
      const update = target.queue[0] as Update;
      for (let attempt = 1; attempt <= this.options.maxAttempts && !signal.aborted; attempt++) {
        const ok = await this.attempt(target, update, attempt, signal);
        if (ok) break;
        // The signal may have aborted while the request was in flight: an abort event never
        // fires again, so waiting now would last the whole retry delay.
        if (attempt < this.options.maxAttempts && !signal.aborted) {
          await this.clock.sleep(this.delay(attempt), signal);
        }
      }
      target.queue.shift();
    }
  }

  private async attempt(target: Target, update: Update, attempt: number, signal: AbortSignal): Promise<boolean> {
    const at = this.clock.now();
    let status: number | null = null;
    let error: string | undefined;
    try {
      const headers =
        this.secretHeader !== undefined && target.secret !== undefined ? { [this.secretHeader]: target.secret } : {};
      // loaded on the first real delivery: the fake api of `tamtam-rx/testing` reuses this
      // dispatcher (recording subscriptions, never calling them) and must not load node:http
      const { postJson } = await import('./post-json');
      status = await postJson(target.subscription.url, update, headers, this.options.requestTimeoutMs, signal);
      if (status !== 200) error = `answered ${status}`;
    } catch (e) {
      error = (e as Error).message;
    }
    const ok = status === 200;
    if (signal.aborted && !ok) return false;
    target.failingSince = ok ? undefined : (target.failingSince ?? at);
    const expired =
      !ok && this.clock.now() - (target.failingSince ?? at) >= this.options.unsubscribeAfterMs * this.options.timeScale;
    this.log.push({
      url: target.subscription.url,
      updateType: update.update_type,
      update,
      attempt,
      status,
      ok,
      ...(error === undefined ? {} : { error }),
      gaveUp: !ok && (expired || attempt >= this.options.maxAttempts),
      ...(expired ? { unsubscribed: true as const } : {}),
      at,
      durationMs: this.clock.now() - at,
    });
    if (expired) this.unsubscribe(target.subscription.url);
    return ok;
  }

  /** The wait after `failedAttempts` failures: `retryDelayMs × backoffFactor^(n-1)`, capped, scaled. */
  delay(failedAttempts: number): number {
    const { retryDelayMs, backoffFactor, maxRetryDelayMs, timeScale } = this.options;
    return Math.min(retryDelayMs * backoffFactor ** (failedAttempts - 1), maxRetryDelayMs) * timeScale;
  }
}
