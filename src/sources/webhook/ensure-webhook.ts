import { type Observable, concatMap, from, map, of, switchMap, toArray } from 'rxjs';
import type { Api } from '../../api/api';
import type { CallOptions } from '../../api/options';
import { getSubscriptions, subscribe, unsubscribe } from '../../actions/subscriptions';
import type { SimpleQueryResult, Subscription, SubscriptionRequestBody, UpdateType } from '../../types/index';
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
  /** API version to subscribe with; when set, a subscription with another version is replaced. Default: the server's choice. */
  readonly version?: string;
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
export function ensureWebhook(
  api: Api,
  url: string,
  types?: readonly UpdateType[],
  options: EnsureWebhookOptions = {},
): Observable<EnsureWebhookResult> {
  return getSubscriptions(api, options.call).pipe(
    switchMap(({ subscriptions }) => {
      const list: readonly Subscription[] = Array.isArray(subscriptions) ? subscriptions : [];
      const current = list.find((s) => s.url === url);
      const needed = current === undefined || !sameTypes(current.update_types, types) || (options.version !== undefined && current.version !== options.version);
      const others = options.removeOthers === true ? list.map((s) => s.url).filter((u) => u !== url) : [];
      const body: SubscriptionRequestBody = {
        url,
        ...(types !== undefined && types.length > 0 ? { update_types: [...new Set(types)] } : {}),
        ...(options.version !== undefined ? { version: options.version } : {}),
      };
      const subscribing = needed ? subscribe(api, body, options.call).pipe(map((r) => requireSuccess(r, 'subscribe', url))) : of(false);
      return subscribing.pipe(
        switchMap((subscribed) =>
          from(others).pipe(
            concatMap((other) => unsubscribe(api, other, options.call).pipe(map((r) => (requireSuccess(r, 'unsubscribe', other), other)))),
            toArray(),
            map((removed): EnsureWebhookResult => ({ subscribed, removed })),
          ),
        ),
      );
    }),
  );
}

/** `null`, missing or empty means "all types" on both sides. */
function sameTypes(current: readonly string[] | null | undefined, wanted: readonly UpdateType[] | undefined): boolean {
  const have = new Set(current ?? []);
  const want = new Set<string>(wanted ?? []);
  if (have.size !== want.size) return false;
  for (const type of want) if (!have.has(type)) return false;
  return true;
}

function requireSuccess(result: SimpleQueryResult, operation: 'subscribe' | 'unsubscribe', url: string): true {
  if (result === null || typeof result !== 'object' || result.success !== true) {
    throw new WebhookSubscriptionError(operation, url, typeof result?.message === 'string' ? result.message : undefined);
  }
  return true;
}
