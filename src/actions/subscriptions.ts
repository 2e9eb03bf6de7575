import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { OperationBodyOf, OperationResultOf } from '../api/operation-table';
import type { CallOptions } from '../api/options';
import { type TableWith, call } from './call';
import { requireObject, requireText } from './validate';

/**
 * The webhook subscriptions of the bot.
 *
 * @example
 * getSubscriptions(api).subscribe(({ subscriptions }) => console.log(subscriptions.map((s) => s.url)));
 */
export function getSubscriptions<T extends TableWith<'getSubscriptions'>>(
  api: Api<T>,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'getSubscriptions'>> {
  return call(api, 'getSubscriptions', () => ({}), options);
}

/** What every dialect's subscription body has: the field {@link subscribe} checks. */
interface SubscriptionBodyShape {
  readonly url: string;
}

/**
 * The rule of a Max webhook secret: 5–256 characters, each a letter, digit, `_` or `-`.
 *
 * @example
 * WEBHOOK_SECRET_PATTERN.test('my_secret-2026'); // true
 */
export const WEBHOOK_SECRET_PATTERN = /^[A-Za-z0-9_-]{5,256}$/;

/**
 * Subscribes a webhook URL to updates (long polling stops delivering while it exists).
 * On Max, `secret` (5–256 of `A–Z a–z 0–9 _ -`) is sent back in the `X-Max-Bot-Api-Secret`
 * header of every delivery (a `webhook({ api })` of a Max api checks it), and Max accepts only
 * `https://` URLs on port 443 with a certificate from a trusted CA.
 *
 * @example
 * subscribe(api, { url: 'https://bot.example.com/tamtam', update_types: ['message_created'] }).subscribe();
 * subscribe(maxApi, { url: 'https://bot.example.com/max', secret: process.env.HOOK_SECRET! }).subscribe();
 */
export function subscribe<T extends TableWith<'subscribe'>>(
  api: Api<T>,
  body: OperationBodyOf<T, 'subscribe'> & SubscriptionBodyShape,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'subscribe'>> {
  return call(
    api,
    'subscribe',
    () => {
      const url = requireText('subscribe', 'body.url', requireObject('subscribe', 'body', body).url);
      if (!/^https?:\/\//i.test(url))
        throw new TypeError(`subscribe: body.url must start with http:// or https://, got ${JSON.stringify(url)}`);
      // Max bodies only (a TamTam body has no such field); read as an own property
      const secret: unknown = Object.getOwnPropertyDescriptor(body, 'secret')?.value;
      if (secret !== undefined && (typeof secret !== 'string' || !WEBHOOK_SECRET_PATTERN.test(secret))) {
        throw new TypeError(
          `subscribe: body.secret must be 5–256 characters, each a letter, a digit, _ or - (got ${typeof secret === 'string' ? `${secret.length} characters` : typeof secret}); ` +
            "e.g. randomBytes(32).toString('base64url')",
        );
      }
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
export function unsubscribe<T extends TableWith<'unsubscribe'>>(
  api: Api<T>,
  url: string,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'unsubscribe'>> {
  return call(api, 'unsubscribe', () => ({ query: { url: requireText('unsubscribe', 'url', url) } }), options);
}
