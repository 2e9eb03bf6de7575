import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { CallOptions } from '../api/options';
import type { GetSubscriptionsResult, SimpleQueryResult, SubscriptionRequestBody } from '../types/index';
import { call } from './call';
import { requireObject, requireText } from './validate';

/**
 * The webhook subscriptions of the bot.
 *
 * @example
 * getSubscriptions(api).subscribe(({ subscriptions }) => console.log(subscriptions.map((s) => s.url)));
 */
export function getSubscriptions(api: Api, options?: CallOptions): Observable<GetSubscriptionsResult> {
  return call(api, 'getSubscriptions', () => ({}), options);
}

/**
 * Subscribes a webhook URL to updates (long polling stops delivering while it exists).
 *
 * @example
 * subscribe(api, { url: 'https://bot.example.com/tamtam', update_types: ['message_created'] }).subscribe();
 */
export function subscribe(api: Api, body: SubscriptionRequestBody, options?: CallOptions): Observable<SimpleQueryResult> {
  return call(
    api,
    'subscribe',
    () => {
      const url = requireText('subscribe', 'body.url', requireObject('subscribe', 'body', body).url);
      if (!/^https?:\/\//i.test(url)) throw new TypeError(`subscribe: body.url must start with http:// or https://, got ${JSON.stringify(url)}`);
      return { json: body };
    },
    options,
  );
}

/**
 * Removes the webhook subscription of `url`.
 *
 * @example
 * unsubscribe(api, 'https://bot.example.com/tamtam').subscribe();
 */
export function unsubscribe(api: Api, url: string, options?: CallOptions): Observable<SimpleQueryResult> {
  return call(api, 'unsubscribe', () => ({ query: { url: requireText('unsubscribe', 'url', url) } }), options);
}
