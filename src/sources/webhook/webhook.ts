import { lastValueFrom } from 'rxjs';
import { unsubscribe } from '../../actions/subscriptions';
import type { DialectsByName, OperationsOf, UpdateOfTable } from '../../api/dialect';
import type { TamTamOperations } from '../../api/tamtam-operations';
import type { Update } from '../../types/index';
import type { WebhookTable } from './webhook-api';
import type { UpdateSourceStopResult } from '../update-source';
import { type EnsureWebhookResult, ensureWebhook } from './ensure-webhook';
import { type FetchWebhook, WebhookCore } from './fetch-webhook';
import { type NodeWebhookHandler, toNodeHandler } from './node-adapter';
import { type ResolvedWebhookOptions, type WebhookOptions, resolveWebhookOptions } from './options';
import { WebhookSubscriptionError } from './subscription-error';
import { redactError } from '../../api/redact';

/**
 * A server {@link Webhook.serve} manages: anything with a `close()` that stops it.
 *
 * @example
 * const served: ServedServer = { close: () => new Promise((resolve) => server.close(() => resolve())) };
 */
export interface ServedServer {
  /** Stops the server; `stop()` awaits it. */
  close(): Promise<void> | void;
}

/**
 * A webhook update source, in the one {@link UpdateSource} shape: the webhook **is** a hot
 * `Observable<Update>`, shared by every subscriber, with `unknownUpdates$`, `status$` and a
 * graceful `stop()`, plus request handlers to mount in any server. Created by {@link webhook}.
 *
 * While nobody is subscribed, requests are answered `503` so the server delivers them again
 * later. Updates the server sends again after this webhook emitted them (a retry after `503`,
 * a timeout, a lost answer) are flagged with `isRedelivery`. With `ack: 'handled'` an update is
 * acknowledged (`200`) only once every hold on it is released, and unsubscribing (holds
 * abandoned) answers `503` so it is delivered again.
 *
 * @example
 * const hook = webhook({ path: '/tamtam', secret });
 * hook.pipe(ofType('message_created')).subscribe((u) => console.log(u.message.body.text));
 * await listen(hook, 8443); // from 'tamtam-rx/node'
 */
export interface Webhook<U extends object = Update> extends FetchWebhook<U> {
  /** `(req, res)` handler for node:http, Express, Fastify (hijacked) and Koa (`ctx.req`, `ctx.res`). */
  readonly nodeHandler: NodeWebhookHandler;
  /**
   * Serves the webhook with a server that `start` starts (Node: `listen(hook, port)` from
   * `tamtam-rx/node` does this with node:http); then, when `api` and `url` were given, runs
   * {@link Webhook.ensureSubscription} (closing the server again if that fails). `stop()`
   * closes the server. One webhook serves one server.
   *
   * @example
   * // Deno
   * await hook.serve(() => {
   *   const server = Deno.serve({ port: 8443 }, hook.fetchHandler);
   *   return { close: () => server.shutdown() };
   * });
   */
  serve<S extends ServedServer>(start: () => S | Promise<S>): Promise<S>;
  /** Subscribes `url` with `types` unless an identical subscription exists; needs `api` and `url`. */
  ensureSubscription(): Promise<EnsureWebhookResult>;
  /**
   * Answers `503` from now on, completes the update streams, waits (up to `stopTimeout`) for
   * in-flight handling, completes `status$`, closes the server started by `serve` (or `listen`), then
   * removes the subscription when `removeOnStop` is set. Calling it again returns the same promise.
   */
  stop(): Promise<UpdateSourceStopResult>;
}

/**
 * Creates a webhook update source. Nothing touches the network until `serve` (`listen`),
 * `ensureSubscription` or a mounted handler receives a request. It emits the updates of its
 * dialect — the `api`'s, or `dialect: 'max'` without an api — and for Max checks the secret in
 * the `X-Max-Bot-Api-Secret` header (constant time; `401` otherwise) and passes it to
 * `subscribe`. Max posts only to `https://` URLs on port 443 with a trusted certificate.
 *
 * @example
 * const maxApi = createApi({ dialect: 'max', token: process.env.MAX_TOKEN! });
 * const hook = webhook({ api: maxApi, url: 'https://bot.example.com/max', path: '/max', secret: process.env.HOOK_SECRET! });
 * hook.pipe(ofType('dialog_muted')).subscribe((u) => console.log(u.muted_until));
 *
 * @example
 * const api = createApi({ token });
 * const hook = webhook({ api, url: `https://bot.example.com/tamtam/${secret}`, path: '/tamtam', secret, ack: 'handled' });
 * hook.pipe(perChat((u) => reply(api, u, 'Got it'))).subscribe();
 * await listen(hook, 8443); // from 'tamtam-rx/node', or hook.serve(...) / mount hook.fetchHandler elsewhere
 * process.once('SIGTERM', () => void hook.stop());
 */
export function webhook<C extends keyof DialectsByName>(
  options: WebhookOptions<OperationsOf<C>> & { readonly dialect: C; readonly api?: undefined },
): Webhook<UpdateOfTable<OperationsOf<C>>>;
export function webhook<T extends WebhookTable = TamTamOperations>(
  options?: WebhookOptions<T>,
): Webhook<Extract<UpdateOfTable<T>, object>>;
export function webhook(options: WebhookOptions<WebhookTable> = {}): Webhook<object> {
  return new WebhookSource(resolveWebhookOptions(options));
}

/** The {@link Webhook} implementation: the fetch-only core plus the Node adapter, `serve` and the subscription. */
class WebhookSource extends WebhookCore implements Webhook<object> {
  readonly nodeHandler: NodeWebhookHandler = toNodeHandler(this.steps);
  /** The options with the subscription's (the core keeps those of every webhook). */
  readonly #managed: ResolvedWebhookOptions;
  #server: ServedServer | undefined;

  constructor(options: ResolvedWebhookOptions) {
    super(options);
    this.#managed = options;
  }

  async serve<S extends ServedServer>(start: () => S | Promise<S>): Promise<S> {
    if (this.#server !== undefined)
      throw new Error('webhook.serve (or listen) was already called; one webhook serves one server');
    if (this.delivery.stopped) throw new Error('webhook.serve (or listen): this webhook is stopped; create a new one');
    const started = await start();
    this.#server = started;
    if (this.#managed.api !== undefined && this.#managed.url !== undefined) {
      try {
        await this.ensureSubscription();
      } catch (error) {
        this.#server = undefined;
        await started.close();
        throw error;
      }
    }
    return started;
  }

  async ensureSubscription(): Promise<EnsureWebhookResult> {
    const { api, url, types, removeOthers, secret, subscribeWithSecret } = this.#managed;
    if (api === undefined || url === undefined) {
      throw new TypeError('webhook.ensureSubscription needs both `api` and `url` in webhook({ api, url })');
    }
    try {
      return await lastValueFrom(
        ensureWebhook(api, url, types, {
          removeOthers,
          ...(subscribeWithSecret && secret !== undefined ? { secret } : {}),
        }),
      );
    } catch (error) {
      // the url carries the secret on TamTam, and a server may echo what it was sent
      throw redactError(error, secret ?? []);
    }
  }

  protected override async stopping(): Promise<UpdateSourceStopResult> {
    const result = await super.stopping();
    await this.#server?.close();
    const { api, url, removeOnStop, secret } = this.#managed;
    if (removeOnStop && api !== undefined && url !== undefined) {
      try {
        const answer = await lastValueFrom(unsubscribe(api, url));
        if (answer?.success !== true) throw new WebhookSubscriptionError('unsubscribe', url, answer?.message);
      } catch (error) {
        throw redactError(error, secret ?? []);
      }
    }
    return result;
  }
}
