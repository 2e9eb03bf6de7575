/**
 * Webhook subscription operations.
 */
import type { GetSubscriptionsResult, SimpleQueryResult, Subscription } from '../../types';
import { badBody } from '../http/api-error';
import type { ApiOperation } from './context';
import { success } from './guards';

/**
 * getSubscriptions: the current webhook subscriptions.
 *
 * @example
 * GET /subscriptions
 */
export const getSubscriptions: ApiOperation<'getSubscriptions'> = {
  operation: 'getSubscriptions',
  handle: ({ services }): GetSubscriptionsResult => ({ subscriptions: services.webhooks.list() }),
};

/** Max's rule for a webhook secret. */
const SECRET = /^[a-zA-Z0-9_-]{5,256}$/;

/**
 * subscribe: adds (or replaces, for the same URL) a webhook. From now on updates go to the
 * webhook(s) instead of the long-polling queue. Unlike the real servers, any port and plain
 * http are accepted (loopback tests). Max: `secret` (5–256 of `[A-Za-z0-9_-]`) comes back in
 * `X-Max-Bot-Api-Secret` on every delivery; TamTam ignores it.
 *
 * @example
 * POST /subscriptions { "url": "http://127.0.0.1:9000/hook" }
 */
export const subscribe: ApiOperation<'subscribe'> = {
  operation: 'subscribe',
  handle: (ctx) => {
    const body = ctx.body();
    const url = body.requiredString('url', { min: 1, max: 2048 });
    if (!isHttpUrl(url)) throw badBody('`body.url` must be an absolute http:// or https:// URL');
    const types = body.array('update_types', { max: 100 });
    const updateTypes = types?.map((t, i) => {
      if (typeof t !== 'string' || t === '') throw badBody(`\`body.update_types[${i}]\` must be a non-empty string`);
      return t;
    });
    const max = ctx.world.dialect.name === 'max';
    const version = max ? undefined : body.string('version', { max: 32 });
    if (version !== undefined && !/^\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(version)) {
      throw badBody('`body.version` must look like 0.5.6');
    }
    const secret = body.string('secret', { max: 256 });
    if (max && secret !== undefined && !SECRET.test(secret)) {
      throw badBody('`body.secret` must be 5 to 256 characters of A-Z, a-z, 0-9, _ and -');
    }
    const update_types = updateTypes && updateTypes.length > 0 ? [...new Set(updateTypes)] : null;
    const time = ctx.world.now();
    // Max dropped the subscription's `version`.
    const subscription = max
      ? ({ url, time, update_types } as Subscription)
      : { url, time, update_types, version: version ?? null };
    ctx.services.webhooks.subscribe(subscription, secret);
    return success();
  },
};

/**
 * unsubscribe: removes the webhook with this URL; long polling works again once none is left.
 *
 * @example
 * DELETE /subscriptions?url=http://127.0.0.1:9000/hook
 */
export const unsubscribe: ApiOperation<'unsubscribe'> = {
  operation: 'unsubscribe',
  handle: ({ services, query }): SimpleQueryResult => {
    const url = query.requiredString('url');
    return services.webhooks.unsubscribe(url) ? success() : { success: false, message: `No subscription for ${url}` };
  },
};

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
