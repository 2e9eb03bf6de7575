import { type Observable, lastValueFrom } from 'rxjs';
import { unsubscribe } from '../../actions/subscriptions';
import type { UnknownUpdate, Update } from '../../types/index';
import { UpdateDelivery } from './delivery';
import { type EnsureWebhookResult, ensureWebhook } from './ensure-webhook';
import { type FetchWebhookHandler, toFetchHandler } from './fetch-adapter';
import { type WebhookRequestHandler, createWebhookHandler } from './handler';
import { type WebhookServer, listenWith } from './listen';
import { type NodeWebhookHandler, toNodeHandler } from './node-adapter';
import { type WebhookOptions, resolveWebhookOptions } from './options';
import { WebhookSubscriptionError } from './subscription-error';

/**
 * What `stop()` reports.
 *
 * @example
 * const { unfinished } = await hook.stop();
 * if (unfinished > 0) console.warn(`${unfinished} updates were still being handled`);
 */
export interface WebhookStopResult {
  /** Updates still being handled when `stopTimeout` ran out (0 when everything finished). */
  readonly unfinished: number;
}

/**
 * A webhook update source: hot streams of updates plus request handlers to mount in any
 * server. Created by {@link webhook}.
 *
 * @example
 * const hook = webhook({ path: '/tamtam', secret });
 * hook.updates$.pipe(ofType('message_created')).subscribe((u) => console.log(u.message.body.text));
 * await hook.listen(8443);
 */
export interface Webhook {
  /**
   * Known updates, hot and shared by every subscriber. While nobody is subscribed, requests
   * are answered `503` so the server delivers them again later. Completes on `stop()`.
   */
  readonly updates$: Observable<Update>;
  /** Updates of types this version does not know (answered `200`, never passed off as known ones). */
  readonly unknownUpdates$: Observable<UnknownUpdate>;
  /** The framework-agnostic handler the adapters below wrap. */
  readonly handle: WebhookRequestHandler;
  /** `(req, res)` handler for node:http, Express, Fastify (hijacked) and Koa (`ctx.req`, `ctx.res`). */
  readonly nodeHandler: NodeWebhookHandler;
  /** `(Request) => Response` handler for Hono, Bun, Deno and Workers. */
  readonly fetchHandler: FetchWebhookHandler;
  /** Updates emitted whose handling has not finished. */
  readonly inFlight: number;
  /**
   * Serves the webhook with a plain node:http server; then, when `api` and `url` were given,
   * runs {@link Webhook.ensureSubscription} (closing the server again if that fails).
   */
  listen(port: number, host?: string): Promise<WebhookServer>;
  /** Subscribes `url` with `types` unless an identical subscription exists; needs `api` and `url`. */
  ensureSubscription(): Promise<EnsureWebhookResult>;
  /**
   * Answers `503` from now on, completes the streams, waits (up to `stopTimeout`) for
   * in-flight handling, closes the server started by `listen`, then removes the subscription
   * when `removeOnStop` is set. Calling it again returns the same promise.
   */
  stop(): Promise<WebhookStopResult>;
}

/**
 * Creates a webhook update source. Nothing touches the network until `listen`,
 * `ensureSubscription` or a mounted handler receives a request.
 *
 * @example
 * const api = createApi({ token });
 * const hook = webhook({ api, url: `https://bot.example.com/tamtam/${secret}`, path: '/tamtam', secret, ack: 'handled' });
 * hook.updates$.pipe(perChat((u) => reply(u))).subscribe();
 * await hook.listen(8443);
 * process.once('SIGTERM', () => void hook.stop());
 */
export function webhook(options: WebhookOptions = {}): Webhook {
  const resolved = resolveWebhookOptions(options);
  const delivery = new UpdateDelivery(resolved);
  const handle = createWebhookHandler(resolved, delivery);
  const nodeHandler = toNodeHandler(handle);
  const fetchHandler = toFetchHandler(handle);
  let server: WebhookServer | undefined;
  let stopping: Promise<WebhookStopResult> | undefined;

  async function ensureSubscription(): Promise<EnsureWebhookResult> {
    if (resolved.api === undefined || resolved.url === undefined) {
      throw new TypeError('webhook.ensureSubscription needs both `api` and `url` in webhook({ api, url })');
    }
    return lastValueFrom(ensureWebhook(resolved.api, resolved.url, resolved.types, { removeOthers: resolved.removeOthers }));
  }

  async function stop(): Promise<WebhookStopResult> {
    const unfinished = await delivery.stop(resolved.stopTimeout);
    await server?.close();
    if (resolved.removeOnStop && resolved.api !== undefined && resolved.url !== undefined) {
      const result = await lastValueFrom(unsubscribe(resolved.api, resolved.url));
      if (result?.success !== true) throw new WebhookSubscriptionError('unsubscribe', resolved.url, result?.message);
    }
    return { unfinished };
  }

  return {
    updates$: delivery.updates$,
    unknownUpdates$: delivery.unknownUpdates$,
    handle,
    nodeHandler,
    fetchHandler,
    get inFlight() {
      return delivery.inFlight;
    },
    async listen(port, host) {
      if (server !== undefined) throw new Error('webhook.listen was already called; one webhook serves one server');
      if (delivery.stopped) throw new Error('webhook.listen: this webhook is stopped; create a new one');
      const started = await listenWith(nodeHandler, port, host);
      server = started;
      if (resolved.api !== undefined && resolved.url !== undefined) {
        try {
          await ensureSubscription();
        } catch (error) {
          server = undefined;
          await started.close();
          throw error;
        }
      }
      return started;
    },
    ensureSubscription,
    stop() {
      stopping ??= stop();
      return stopping;
    },
  };
}
