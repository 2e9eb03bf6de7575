/**
 * Webhook subscription operations.
 */
import type { GetSubscriptionsResult, SimpleQueryResult } from '../../types';
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

/**
 * subscribe: adds (or replaces, for the same URL) a webhook. From now on updates go to the
 * webhook(s) instead of the long-polling queue. Unlike the real server, any port is accepted.
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
    const version = body.string('version', { max: 32 });
    if (version !== undefined && !/^\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(version)) {
      throw badBody('`body.version` must look like 0.5.6');
    }
    body.string('secret', { max: 256 });
    ctx.services.webhooks.subscribe({
      url,
      time: ctx.world.now(),
      update_types: updateTypes && updateTypes.length > 0 ? [...new Set(updateTypes)] : null,
      version: version ?? null,
    });
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
    return services.webhooks.unsubscribe(url)
      ? success()
      : { success: false, message: `No subscription for ${url}` };
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
