import { Observable } from 'rxjs';
import type { DialectsByName, OperationsOf, UpdateOfTable } from '../../api/dialect';
import type { TamTamOperations } from '../../api/tamtam-operations';
import type { UnknownUpdate, Update } from '../../types/index';
import type { UpdateSource, UpdateSourceStopResult } from '../update-source';
import { UpdateDelivery } from './delivery';
import { type FetchWebhookHandler, toFetchHandler } from './fetch-adapter';
import { type WebhookRequestHandler, type WebhookSteps, createWebhookHandler, createWebhookSteps } from './handler';
import {
  type ResolvedFetchWebhookOptions,
  type SubscriptionOption,
  type WebhookOptions,
  resolveFetchWebhookOptions,
} from './options';
import type { WebhookTable } from './webhook-api';
import type { WebhookStatus } from './webhook-status';

/**
 * Options of {@link fetchWebhook}: those of `webhook` without the subscription management
 * (`url`, `types`, `removeOthers`, `removeOnStop`). `api` still sets the dialect.
 *
 * @example
 * const options: FetchWebhookOptions = { path: '/tamtam', secret: env.HOOK_SECRET, ack: 'handled' };
 */
export type FetchWebhookOptions<T extends WebhookTable = TamTamOperations> = Omit<
  WebhookOptions<T>,
  'url' | 'types' | 'removeOthers' | 'removeOnStop'
>;

/**
 * A webhook update source for the Fetch API only (Workers, Deno, Bun, Hono): the same hot
 * `Observable<Update>` with `unknownUpdates$`, `status$`, `stop()` and the same checks, answers
 * and delivery tracking as `webhook`, without what an edge app does not use (the Node
 * adapter, `serve`, subscription management). Created by {@link fetchWebhook}. Every
 * `Webhook` is one.
 *
 * @example
 * const hook: FetchWebhook = fetchWebhook({ path: '/tamtam', secret });
 * export default { fetch: hook.fetchHandler };
 */
export interface FetchWebhook<U extends object = Update> extends UpdateSource<U, WebhookStatus> {
  /**
   * The webhook itself (`hook.updates$ === hook`), kept so code written for earlier versions,
   * `hook.updates$.pipe(...)`, works unchanged. Prefer `hook.pipe(...)`.
   */
  readonly updates$: Observable<U>;
  /** Updates of types this version does not know (answered `200`, never passed off as known ones). Completes on `stop()`. */
  readonly unknownUpdates$: Observable<UnknownUpdate>;
  /** Refused requests, unknown update types, ack timeouts; `{ type: 'stopped' }` last, then it completes. */
  readonly status$: Observable<WebhookStatus>;
  /** The framework-agnostic handler the adapters wrap. */
  readonly handle: WebhookRequestHandler;
  /** `(Request) => Response` handler for Hono, Bun, Deno and Workers. */
  readonly fetchHandler: FetchWebhookHandler;
  /** Updates emitted whose handling has not finished. */
  readonly inFlight: number;
  /**
   * Answers `503` from now on, completes the update streams, waits (up to `stopTimeout`) for
   * in-flight handling, then completes `status$`. Calling it again returns the same promise.
   */
  stop(): Promise<UpdateSourceStopResult>;
}

/**
 * Creates a webhook update source for the Fetch API: `webhook` without the Node adapter,
 * `serve` and subscription management, so an edge bundle carries only what it uses. Subscribe
 * the URL once with `ensureWebhook(api, url)` (e.g. at deploy). Nothing touches the network.
 *
 * @example
 * const api = createApi({ token: env.TOKEN });
 * const hook = fetchWebhook({ path: '/tamtam', secret: env.HOOK_SECRET });
 * hook.pipe(ofType('message_created')).subscribe((u) => reply(api, u, 'hi').subscribe());
 * export default { fetch: hook.fetchHandler };
 */
export function fetchWebhook<C extends keyof DialectsByName>(
  options: FetchWebhookOptions<OperationsOf<C>> & { readonly dialect: C; readonly api?: undefined },
): FetchWebhook<UpdateOfTable<OperationsOf<C>>>;
export function fetchWebhook<T extends WebhookTable = TamTamOperations>(
  options?: FetchWebhookOptions<T>,
): FetchWebhook<Extract<UpdateOfTable<T>, object>>;
export function fetchWebhook(options: FetchWebhookOptions<WebhookTable> = {}): FetchWebhook<object> {
  const managed =
    options !== null && typeof options === 'object' ? SUBSCRIPTION_OPTIONS.find((name) => name in options) : undefined;
  if (managed !== undefined) {
    throw new TypeError(
      `fetchWebhook: ${managed} is for webhook(); fetchWebhook manages no subscription (subscribe once with ensureWebhook(api, url))`,
    );
  }
  return new WebhookCore(resolveFetchWebhookOptions(options));
}

/** Options only `webhook` takes (they manage the subscription). */
const SUBSCRIPTION_OPTIONS: readonly SubscriptionOption[] = ['url', 'types', 'removeOthers', 'removeOnStop'];

/**
 * The {@link FetchWebhook} implementation, which `webhook`'s source extends. Internal.
 *
 * @example
 * class NodeWebhook extends WebhookCore { readonly nodeHandler = toNodeHandler(this.steps); }
 */
export class WebhookCore extends Observable<object> implements FetchWebhook<object> {
  readonly updates$: Observable<object> = this;
  readonly unknownUpdates$: Observable<UnknownUpdate>;
  readonly status$: Observable<WebhookStatus>;
  readonly handle: WebhookRequestHandler;
  readonly fetchHandler: FetchWebhookHandler;
  /** The resolved options. */
  protected readonly options: ResolvedFetchWebhookOptions;
  /** Emission, answers and status of the updates. */
  protected readonly delivery: UpdateDelivery;
  /** The steps every adapter runs. */
  protected readonly steps: WebhookSteps;
  #stopping: Promise<UpdateSourceStopResult> | undefined;

  constructor(options: ResolvedFetchWebhookOptions) {
    const delivery = new UpdateDelivery(options);
    super((subscriber) => delivery.updates$.subscribe(subscriber));
    this.options = options;
    this.delivery = delivery;
    this.unknownUpdates$ = delivery.unknownUpdates$;
    this.status$ = delivery.status$;
    this.steps = createWebhookSteps(options, delivery);
    this.handle = createWebhookHandler(this.steps);
    this.fetchHandler = toFetchHandler(this.steps);
  }

  get inFlight(): number {
    return this.delivery.inFlight;
  }

  stop(): Promise<UpdateSourceStopResult> {
    this.#stopping ??= this.stopping();
    return this.#stopping;
  }

  /** The work of the first `stop()`; a subclass adds its own after this. */
  protected async stopping(): Promise<UpdateSourceStopResult> {
    return { unfinished: await this.delivery.stop(this.options.stopTimeout) };
  }
}
