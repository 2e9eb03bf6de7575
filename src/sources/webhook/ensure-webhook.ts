import { type Observable, concatMap, from, map, of, switchMap, toArray } from 'rxjs';
import type { Api } from '../../api/api';
import type { CallOptions } from '../../api/options';
import { getSubscriptions, subscribe, unsubscribe } from '../../actions/subscriptions';
import type { UpdateTypeOfTable } from '../../api/dialect';
import type { SimpleQueryResult } from '../../types/index';
import type { WebhookApi, WebhookTable } from './webhook-api';
import { WebhookSubscriptionError } from './subscription-error';

/**
 * Options of {@link ensureWebhook}.
 *
 * @example
 * ensureWebhook(api, url, ['message_created'], { removeOthers: true });
 */
export interface EnsureWebhookOptions {
  /** Remove the subscriptions of every other URL. Default `false` (they are left alone). */
  readonly removeOthers?: boolean;
  /** API version to subscribe with (TamTam; Max has none); when set, a subscription with another version is replaced. Default: the server's choice. */
  readonly version?: string;
  /**
   * Max: the secret the server sends back in `X-Max-Bot-Api-Secret` (5–256 of `A–Z a–z 0–9 _ -`).
   * A secret cannot be read back from `getSubscriptions`, so with one `subscribe` is always
   * called (re-subscribing the same URL replaces its settings). Default: none.
   */
  readonly secret?: string;
  /** Per-call options for the underlying actions. */
  readonly call?: CallOptions;
}

/**
 * What {@link ensureWebhook} did.
 *
 * @example
 * const { subscribed, removed } = await lastValueFrom(ensureWebhook(api, url));
 */
export interface EnsureWebhookResult {
  /** `true` when `subscribe` was called; `false` when an identical subscription already existed. */
  readonly subscribed: boolean;
  /** URLs whose subscription was removed (only with `removeOthers`). */
  readonly removed: readonly string[];
}

/**
 * Makes sure the bot's webhook posts to `url` with exactly `types` (all types when omitted),
 * calling `subscribe` only when no identical subscription exists, so it is safe to run on
 * every start. Other URLs are removed only with `removeOthers`. Cold: nothing is sent before
 * subscribe.
 *
 * @example
 * ensureWebhook(api, 'https://bot.example.com/tamtam', ['message_created', 'bot_started'])
 *   .subscribe(({ subscribed }) => console.log(subscribed ? 'subscribed' : 'already subscribed'));
 */
export function ensureWebhook<T extends WebhookTable>(
  api: Api<T>,
  url: string,
  types?: readonly UpdateTypeOfTable<T>[],
  options: EnsureWebhookOptions = {},
): Observable<EnsureWebhookResult> {
  return subscribeOnce(api, url, types, options);
}

function subscribeOnce(
  api: WebhookApi,
  url: string,
  types: readonly string[] | undefined,
  options: EnsureWebhookOptions,
): Observable<EnsureWebhookResult> {
  return getSubscriptions(api, options.call).pipe(
    switchMap(({ subscriptions }) => {
      const list = Array.isArray(subscriptions) ? subscriptions : [];
      const current = list.find((s) => s.url === url);
      const needed =
        current === undefined ||
        options.secret !== undefined ||
        !sameTypes(current.update_types, types) ||
        (options.version !== undefined && current.version !== options.version);
      const others = options.removeOthers === true ? list.map((s) => s.url).filter((u) => u !== url) : [];
      const body: { url: string; update_types?: string[]; version?: string; secret?: string } = {
        url,
        ...(types !== undefined && types.length > 0 ? { update_types: [...new Set(types)] } : {}),
        ...(options.version !== undefined ? { version: options.version } : {}),
        ...(options.secret !== undefined ? { secret: options.secret } : {}),
      };
      const subscribing = needed
        ? subscribe(api, body, options.call).pipe(map((r) => requireSuccess(r, 'subscribe', url)))
        : of(false);
      return subscribing.pipe(
        switchMap((subscribed) =>
          from(others).pipe(
            concatMap((other) =>
              unsubscribe(api, other, options.call).pipe(map((r) => (requireSuccess(r, 'unsubscribe', other), other))),
            ),
            toArray(),
            map((removed): EnsureWebhookResult => ({ subscribed, removed })),
          ),
        ),
      );
    }),
  );
}

/** `null`, missing or empty means "all types" on both sides. */
function sameTypes(current: readonly string[] | null | undefined, wanted: readonly string[] | undefined): boolean {
  const have = new Set(current ?? []);
  const want = new Set<string>(wanted ?? []);
  if (have.size !== want.size) return false;
  for (const type of want) if (!have.has(type)) return false;
  return true;
}

function requireSuccess(result: SimpleQueryResult, operation: 'subscribe' | 'unsubscribe', url: string): true {
  if (result === null || typeof result !== 'object' || result.success !== true) {
    throw new WebhookSubscriptionError(
      operation,
      url,
      typeof result?.message === 'string' ? result.message : undefined,
    );
  }
  return true;
}
