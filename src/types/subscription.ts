/**
 * Webhook subscriptions.
 */
import type { UpdateType } from './update';

/**
 * An active webhook subscription.
 *
 * @example
 * const sub: Subscription = { url: 'https://bot.example.com/hook', time: 1_717_000_000_000, update_types: null, version: '0.5.6' };
 */
export interface Subscription {
  url: string;
  /** When it was created, ms since epoch. */
  time: number;
  /** Filter; `null` means all. Plain strings: a server may list types this version does not know. */
  update_types: string[] | null;
  /** API version the payloads follow, e.g. `0.5.6`. */
  version: string | null;
}

/**
 * Body of `subscribe`.
 *
 * @example
 * const body: SubscriptionRequestBody = { url: 'https://bot.example.com/hook', update_types: ['message_created'] };
 */
export interface SubscriptionRequestBody {
  /** Must start with `http://` or `https://`. */
  url: string;
  /** Only these update types are delivered; omit for all. */
  update_types?: readonly UpdateType[];
  /** API version that shapes the payloads. */
  version?: string;
}

/**
 * Answer of `getSubscriptions`.
 *
 * @example
 * const result: GetSubscriptionsResult = { subscriptions: [] };
 */
export interface GetSubscriptionsResult {
  subscriptions: Subscription[];
}
