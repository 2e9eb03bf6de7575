import { type SchedulerLike, asyncScheduler } from 'rxjs';
import { checkUpdateTypes } from '../check-update-types';
import type { Api } from '../../api/api';
import { type DialectChoice, type DialectFacts, type UpdateTypeOfTable, resolveDialectFacts } from '../../api/dialect';
import type { TamTamOperations } from '../../api/tamtam-operations';
import { WEBHOOK_SECRET_PATTERN } from '../../actions/subscriptions';
import type { WebhookApi, WebhookTable } from './webhook-api';
import { warnOncePerType } from '../warn-unknown-update';
import type { UnknownUpdate } from '../../types/index';
import type { WebhookRejection } from './answer';

/**
 * When the webhook answers `200` to the TamTam server.
 * - `'received'`: as soon as the update was handed to the subscribers (the default). Fast, but
 *   at most once: an update whose handling is cancelled (holds abandoned) is not delivered again.
 * - `'handled'`: only after handling finished (every {@link holdUpdate} released), or after
 *   `ackTimeout` (still `200`, handling goes on), so slow handlers cannot cause a redelivery storm.
 *   Cancelled handling answers `503`, so the server delivers the update again (flagged with
 *   `isRedelivery`). This is the setting that passes the shared source contract.
 *
 * @example
 * webhook({ ack: 'handled', ackTimeout: 5_000 });
 */
export type WebhookAckPolicy = 'received' | 'handled';

/**
 * Where the webhook looks for the secret.
 * - `'path'`: the last path segment, e.g. `https://bot.example.com/tamtam/<secret>`. The TamTam
 *   server cannot send custom headers (Bot API 0.5.6 has no secret field), so this is the way
 *   to authenticate the real server.
 * - `'header'`: the header named by `secretHeader` (for a proxy that adds it).
 * - `'either'` (default): accept a match in either place.
 *
 * @example
 * webhook({ secret: process.env.HOOK_SECRET!, secretIn: 'path' });
 */
export type WebhookSecretPlacement = 'path' | 'header' | 'either';

/**
 * Options of {@link webhook}. Everything is optional; defaults are listed per field.
 *
 * Bodies are JSON: a request whose `Content-Type` names another format (form data,
 * `application/octet-stream`, XML...) gets `415` without being read. Accepted are
 * `application/json`, any `+json` type, `text/plain` (what `fetch` sends for a string body) and
 * no content type at all.
 *
 * @example
 * const hook = webhook({
 *   path: '/tamtam',
 *   secret: process.env.HOOK_SECRET!,
 *   api,
 *   url: `https://bot.example.com/tamtam/${process.env.HOOK_SECRET}`,
 *   types: ['message_created', 'message_callback'],
 *   ack: 'handled',
 * });
 */
export interface WebhookOptions<T extends WebhookTable = TamTamOperations> {
  /**
   * Which Bot API posts here: `'tamtam'`, `'max'` or a `Dialect`. Default: the dialect of `api`,
   * else TamTam. It decides which update types are known, and on Max where the secret is
   * checked: Max sends the `secret` given to `subscribe` back in the `X-Max-Bot-Api-Secret`
   * header, so for Max `secretIn` defaults to `'header'` and `secretHeader` to that header.
   * Max accepts only `https://` webhook URLs on port 443 with a certificate from a trusted CA
   * (no self-signed certificates, no plain HTTP): put the webhook behind such a TLS endpoint.
   */
  readonly dialect?: DialectChoice;
  /**
   * Only requests to this path are served (others get `404`). With a path secret the secret is
   * one more segment: `/tamtam/<secret>`. The query string is ignored. Default: any path.
   */
  readonly path?: string;
  /**
   * Shared secret every request must carry (else `401`); compared in constant time. On Max it is
   * also sent to `subscribe` (by `ensureSubscription`/`listen`) and must be 5–256 characters of
   * `A–Z a–z 0–9 _ -`. Default: none.
   */
  readonly secret?: string;
  /** Where the secret is looked for. Default `'either'` (Max: `'header'`). */
  readonly secretIn?: WebhookSecretPlacement;
  /** Header carrying the secret. Default `'X-TamTam-Webhook-Secret'` (Max: `'X-Max-Bot-Api-Secret'`). */
  readonly secretHeader?: string;
  /** Largest accepted body in bytes; bigger requests get `413` without being read further. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /**
   * Longest time reading one request's body may take, in ms, from the moment the webhook starts
   * reading it. A client still sending after that (a trickle, or one that stopped mid-body)
   * gets `408` and its connection is closed, so it cannot hold a socket until Node's own
   * 300 s request timeout. Does not apply to a body a framework already read. Default `10_000`.
   */
  readonly bodyTimeout?: number;
  /** When to answer `200`. Default `'received'`. */
  readonly ack?: WebhookAckPolicy;
  /** With `ack: 'handled'`, answer `200` after this many ms even if handling goes on. Default `10_000`. */
  readonly ackTimeout?: number;
  /** Seconds sent as `Retry-After` with `503` answers. Default `5`. */
  readonly retryAfter?: number;
  /**
   * Called for every update whose type this version does not know (also emitted on
   * `unknownUpdates$`); it is answered `200`. Default: `console.warn` once per type.
   */
  readonly onUnknownUpdate?: (update: UnknownUpdate) => void;
  /** Called for every request answered with an error status (for logs). Default: nothing. */
  readonly onRejected?: (rejection: WebhookRejection) => void;
  /** Api used by `ensureSubscription`, `listen` and `removeOnStop`; its dialect types the updates. Default: none. */
  readonly api?: Api<T>;
  /** Public URL the server should POST to (subscribed by `ensureSubscription`/`listen`). Max: `https://` on port 443 only. */
  readonly url?: string;
  /** Update types to subscribe to (the dialect's names). Default: all. */
  readonly types?: readonly UpdateTypeOfTable<T>[];
  /** With `api` and `url`: when subscribing, remove subscriptions of other URLs. Default `false`. */
  readonly removeOthers?: boolean;
  /** With `api` and `url`: `stop()` removes the subscription. Default `false`. */
  readonly removeOnStop?: boolean;
  /** Longest time `stop()` waits for in-flight handling, in ms. Default `30_000`. */
  readonly stopTimeout?: number;
  /**
   * How many recently emitted updates the webhook remembers (as hashes of their bodies) to
   * recognise the server sending one again (after a `503`, a timeout or a lost answer); such
   * an update is flagged with `isRedelivery`. `0` turns this off. Default `10_000` (about
   * 470 kB, allocated with the first update; 32–56 bytes per remembered update).
   */
  readonly redeliveryMemory?: number;
  /**
   * Scheduler of the webhook's timers (`ackTimeout`, `stopTimeout`); pass a `TestScheduler`
   * or `VirtualTimeScheduler` to test them in virtual time. Default `asyncScheduler`.
   */
  readonly scheduler?: SchedulerLike;
}

/**
 * The options every webhook takes (those of `fetchWebhook`), with defaults applied and values
 * checked. Internal.
 *
 * @example
 * const { maxBodyBytes, ack } = resolveFetchWebhookOptions({ ack: 'handled' });
 */
export interface ResolvedFetchWebhookOptions {
  readonly path: string | undefined;
  readonly secret: string | undefined;
  readonly secretIn: WebhookSecretPlacement;
  readonly secretHeader: string;
  readonly maxBodyBytes: number;
  readonly bodyTimeout: number;
  readonly ack: WebhookAckPolicy;
  readonly ackTimeout: number;
  readonly retryAfter: number;
  readonly onUnknownUpdate: (update: UnknownUpdate) => void;
  readonly onRejected: ((rejection: WebhookRejection) => void) | undefined;
  readonly api: WebhookApi | undefined;
  /** The dialect posting here: the api's, else the one named (by name: without its operation table). */
  readonly dialect: DialectFacts;
  /** Its update types (others are unknown updates). */
  readonly knownTypes: ReadonlySet<string>;
  readonly stopTimeout: number;
  readonly redeliveryMemory: number;
  readonly scheduler: SchedulerLike;
}

/**
 * {@link WebhookOptions} with defaults applied and values checked: those of every webhook plus
 * the subscription management of `webhook()`. Internal.
 *
 * @example
 * const { url, removeOnStop } = resolveWebhookOptions({ api, url: 'https://bot.example.com/tamtam' });
 */
export interface ResolvedWebhookOptions extends ResolvedFetchWebhookOptions {
  readonly url: string | undefined;
  readonly types: readonly string[] | undefined;
  /** Whether `ensureSubscription` sends `secret` to `subscribe` (the dialect echoes it in a header). */
  readonly subscribeWithSecret: boolean;
  readonly removeOthers: boolean;
  readonly removeOnStop: boolean;
}

/**
 * Default body limit: 1 MiB.
 *
 * @example
 * webhook({ maxBodyBytes: DEFAULT_MAX_BODY_BYTES / 4 });
 */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;
/**
 * Default `bodyTimeout` in ms (10 s): an Update is a few kilobytes, which any live client
 * sends in far less.
 *
 * @example
 * webhook({ bodyTimeout: DEFAULT_BODY_TIMEOUT / 2 });
 */
export const DEFAULT_BODY_TIMEOUT = 10_000;
/**
 * Default `ackTimeout` in ms (10 s).
 *
 * @example
 * webhook({ ack: 'handled', ackTimeout: DEFAULT_ACK_TIMEOUT * 2 });
 */
export const DEFAULT_ACK_TIMEOUT = 10_000;
/**
 * Default name of the secret header.
 *
 * @example
 * fetch(url, { method: 'POST', headers: { [DEFAULT_SECRET_HEADER]: secret }, body });
 */
export const DEFAULT_SECRET_HEADER = 'X-TamTam-Webhook-Secret';

const MAX_TIMER = 2_147_483_647;
const PATH_SAFE = /^[A-Za-z0-9._~-]+$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Applies defaults and checks the options every webhook takes (`fetchWebhook`'s), throwing a
 * TypeError that names the bad option and how to fix it. The subscription options are checked
 * by {@link resolveWebhookOptions} only, so an edge bundle (`fetchWebhook`) does not carry them.
 *
 * @example
 * const resolved = resolveFetchWebhookOptions({ path: '/tamtam' }); // resolved.maxBodyBytes === 1_048_576
 */
export function resolveFetchWebhookOptions(
  options: Omit<WebhookOptions<WebhookTable>, SubscriptionOption> = {},
): ResolvedFetchWebhookOptions {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('webhook: options must be an object, e.g. webhook({ path: "/tamtam" })');
  }
  let dialect: DialectFacts;
  try {
    dialect = resolveDialectFacts(options.dialect ?? 'tamtam');
  } catch (error) {
    throw new TypeError(`webhook: ${error instanceof Error ? error.message : String(error)}`);
  }
  const apiDialect = options.api?.dialect;
  if (apiDialect !== undefined) {
    // a dialect named is the api's when the names agree (by name there is no Dialect value to compare)
    const same = typeof options.dialect === 'string' ? apiDialect.name === dialect.name : apiDialect === dialect;
    if (options.dialect !== undefined && !same) {
      throw new TypeError(
        `webhook: dialect is ${dialect.name} but the api speaks ${apiDialect.name}; leave dialect out to use the api's`,
      );
    }
    dialect = apiDialect;
  }
  const echoedHeader = dialect.delivery.webhookSecretHeader;
  const secretIn = options.secretIn ?? (echoedHeader !== undefined ? 'header' : 'either');
  if (secretIn !== 'path' && secretIn !== 'header' && secretIn !== 'either') {
    throw new TypeError(`webhook: secretIn must be 'path', 'header' or 'either', got ${JSON.stringify(secretIn)}`);
  }
  const secret = options.secret;
  if (secret !== undefined) {
    if (typeof secret !== 'string' || secret === '')
      throw new TypeError('webhook: secret must be a non-empty string (or leave it out)');
    if (secretIn !== 'header' && !PATH_SAFE.test(secret)) {
      throw new TypeError(
        "webhook: a secret sent in the URL path may only use letters, digits and . _ ~ -; pick such a secret or set secretIn: 'header'",
      );
    }
  }
  if (secret !== undefined && echoedHeader !== undefined && !WEBHOOK_SECRET_PATTERN.test(secret)) {
    throw new TypeError(
      `webhook: a ${dialect.name} webhook secret must be 5–256 characters, each a letter, a digit, _ or - (got ${secret.length} characters); ` +
        "e.g. randomBytes(32).toString('base64url')",
    );
  }
  const secretHeader = options.secretHeader ?? echoedHeader ?? DEFAULT_SECRET_HEADER;
  if (typeof secretHeader !== 'string' || !HEADER_NAME.test(secretHeader)) {
    throw new TypeError(`webhook: secretHeader must be a valid HTTP header name, got ${JSON.stringify(secretHeader)}`);
  }
  const ack = options.ack ?? 'received';
  if (ack !== 'received' && ack !== 'handled') {
    throw new TypeError(`webhook: ack must be 'received' or 'handled', got ${JSON.stringify(ack)}`);
  }
  if (options.onUnknownUpdate !== undefined && typeof options.onUnknownUpdate !== 'function') {
    throw new TypeError('webhook: onUnknownUpdate must be a function');
  }
  if (options.onRejected !== undefined && typeof options.onRejected !== 'function') {
    throw new TypeError('webhook: onRejected must be a function');
  }
  if (
    options.scheduler !== undefined &&
    (typeof options.scheduler?.schedule !== 'function' || typeof options.scheduler.now !== 'function')
  ) {
    throw new TypeError(
      'webhook: scheduler must be an RxJS SchedulerLike (e.g. asyncScheduler, or a TestScheduler in tests)',
    );
  }
  return {
    path: normalizePath(options.path),
    secret,
    secretIn,
    secretHeader: secretHeader.toLowerCase(),
    maxBodyBytes: positiveInteger(
      options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      'maxBodyBytes',
      Number.MAX_SAFE_INTEGER,
    ),
    bodyTimeout: positiveInteger(options.bodyTimeout ?? DEFAULT_BODY_TIMEOUT, 'bodyTimeout', MAX_TIMER),
    ack,
    ackTimeout: positiveInteger(options.ackTimeout ?? DEFAULT_ACK_TIMEOUT, 'ackTimeout', MAX_TIMER),
    retryAfter: positiveInteger(options.retryAfter ?? 5, 'retryAfter', 86_400),
    onUnknownUpdate:
      options.onUnknownUpdate ?? warnOncePerType('webhook', 'It was answered 200 and emitted on unknownUpdates$.'),
    onRejected: options.onRejected,
    api: options.api,
    dialect,
    knownTypes: new Set<string>(dialect.updateTypes),
    stopTimeout: positiveInteger(options.stopTimeout ?? 30_000, 'stopTimeout', MAX_TIMER),
    redeliveryMemory: redeliveryMemory(options.redeliveryMemory),
    scheduler: options.scheduler ?? asyncScheduler,
  };
}

/**
 * The options only `webhook()` takes: they manage the subscription.
 *
 * @example
 * const managed: SubscriptionOption = 'removeOnStop';
 */
export type SubscriptionOption = 'url' | 'types' | 'removeOthers' | 'removeOnStop';

/**
 * Applies defaults and checks every option of `webhook()`: those of every webhook
 * ({@link resolveFetchWebhookOptions}), then the subscription's (`url`, `types`,
 * `removeOthers`, `removeOnStop`), throwing a TypeError that names the bad option and how to
 * fix it.
 *
 * @example
 * const resolved = resolveWebhookOptions({ path: '/tamtam' }); // resolved.maxBodyBytes === 1_048_576
 */
export function resolveWebhookOptions(options: WebhookOptions<WebhookTable> = {}): ResolvedWebhookOptions {
  const resolved = resolveFetchWebhookOptions(options);
  const { secret, secretIn, dialect } = resolved;
  const url = options.url;
  if (url !== undefined) {
    if (typeof url !== 'string' || !/^https?:\/\/[^/]/i.test(url)) {
      throw new TypeError(
        `webhook: url must be the absolute http(s) URL the server posts to, got ${JSON.stringify(url)}`,
      );
    }
    if (secret !== undefined && secretIn === 'path' && lastSegment(url) !== secret) {
      throw new TypeError(
        "webhook: with secretIn: 'path' the url must end with /<secret>, otherwise the server's requests are refused with 401",
      );
    }
  }
  checkUpdateTypes('webhook', options.types, dialect.updateTypes, dialect.name);
  if (
    (options.removeOnStop === true || options.removeOthers === true) &&
    (options.api === undefined || url === undefined)
  ) {
    throw new TypeError('webhook: removeOnStop and removeOthers need both `api` and `url`');
  }
  return {
    ...resolved,
    url,
    types: options.types,
    subscribeWithSecret: dialect.delivery.webhookSecretHeader !== undefined && secret !== undefined,
    removeOthers: options.removeOthers ?? false,
    removeOnStop: options.removeOnStop ?? false,
  };
}

function redeliveryMemory(value: number | undefined): number {
  if (value === undefined) return 10_000;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 10_000_000) {
    throw new TypeError(
      `webhook: redeliveryMemory must be a whole number from 0 (off) to 10000000, got ${String(value)}`,
    );
  }
  return value;
}

function normalizePath(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  if (typeof path !== 'string' || !path.startsWith('/') || /[?#\s]/.test(path)) {
    throw new TypeError(
      `webhook: path must start with "/" and hold no query, fragment or spaces, got ${JSON.stringify(path)}`,
    );
  }
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function positiveInteger(value: number, name: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > max) {
    throw new TypeError(`webhook: ${name} must be a positive integer up to ${max}, got ${String(value)}`);
  }
  return value;
}

function lastSegment(url: string): string {
  const path = url.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return path.slice(path.lastIndexOf('/') + 1);
}
