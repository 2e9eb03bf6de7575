/**
 * Webhook subscriptions and in-order delivery with retries.
 */
import type { Subscription, Update } from '../../types';
import { postJson } from './post-json';
import type { WebhookDelivery, WebhookOptions } from './webhook-options';
import { resolveWebhookOptions } from './webhook-options';

interface Target {
  subscription: Subscription;
  queue: Update[];
  pumping: Promise<void> | undefined;
  abort: AbortController;
}

/**
 * Keeps webhook subscriptions and delivers updates to them: one `Update` JSON per POST, in
 * order per subscription; any status other than 200 is a failure and is retried with
 * exponential backoff until `maxAttempts`, then that update is dropped and the next one goes.
 * Every attempt is recorded.
 *
 * @example
 * const hooks = new WebhookDispatcher({ timeScale: 0.001 });
 * hooks.subscribe({ url: 'http://127.0.0.1:9000/hook', time: Date.now(), update_types: null, version: null });
 * hooks.deliver(update);
 * await hooks.idle();
 */
export class WebhookDispatcher {
  private readonly options: Required<WebhookOptions>;
  private readonly targets = new Map<string, Target>();
  private readonly log: WebhookDelivery[] = [];
  private readonly sleeps = new Set<() => void>();
  private closed = false;

  constructor(options: WebhookOptions = {}) {
    this.options = resolveWebhookOptions(options);
  }

  /** Whether any subscription exists (then long polling gets no new updates). */
  get active(): boolean {
    return this.targets.size > 0;
  }

  /** Adds or replaces the subscription for its URL. */
  subscribe(subscription: Subscription): void {
    this.unsubscribe(subscription.url);
    this.targets.set(subscription.url, {
      subscription,
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

  /** Stops all deliveries and retries at once. */
  async close(): Promise<void> {
    this.closed = true;
    const pumps = [...this.targets.values()].map((t) => t.pumping);
    for (const url of [...this.targets.keys()]) this.unsubscribe(url);
    for (const wake of [...this.sleeps]) wake();
    await Promise.allSettled(pumps);
  }

  private async pump(target: Target): Promise<void> {
    const { signal } = target.abort;
    while (target.queue.length > 0 && !signal.aborted) {
      const update = target.queue[0] as Update;
      for (let attempt = 1; attempt <= this.options.maxAttempts && !signal.aborted; attempt++) {
        const ok = await this.attempt(target, update, attempt, signal);
        if (ok) break;
        if (attempt < this.options.maxAttempts) await this.sleep(this.delay(attempt), signal);
      }
      target.queue.shift();
    }
  }

  private async attempt(target: Target, update: Update, attempt: number, signal: AbortSignal): Promise<boolean> {
    const at = Date.now();
    let status: number | null = null;
    let error: string | undefined;
    try {
      status = await postJson(target.subscription.url, update, {}, this.options.requestTimeoutMs, signal);
      if (status !== 200) error = `answered ${status}`;
    } catch (e) {
      error = (e as Error).message;
    }
    const ok = status === 200;
    if (signal.aborted && !ok) return false;
    this.log.push({
      url: target.subscription.url,
      updateType: update.update_type,
      update,
      attempt,
      status,
      ok,
      ...(error === undefined ? {} : { error }),
      gaveUp: !ok && attempt >= this.options.maxAttempts,
      at,
      durationMs: Date.now() - at,
    });
    return ok;
  }

  private delay(failedAttempts: number): number {
    const { retryDelayMs, maxRetryDelayMs, timeScale } = this.options;
    return Math.min(retryDelayMs * 2 ** (failedAttempts - 1), maxRetryDelayMs) * timeScale;
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        this.sleeps.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      signal.addEventListener('abort', wake, { once: true });
      this.sleeps.add(wake);
    });
  }
}
