import ky, { type KyInstance } from 'ky';
import { Observable, concatMap, defer, tap } from 'rxjs';
import { isTamTamApiError } from './errors/api-error';
import type { RateLimiter } from './rate-limit/rate-limiter';
import { resolveRateLimit } from './rate-limit/resolve-rate-limit';
import type { Api } from './api';
import { type Dialect, type DialectChoice, type OperationsOf, checkDialect, resolveDialect } from './dialect';
import { toTamTamError } from './to-tamtam-error';
import type { ApiOptions, CallOptions, TokenPlacement } from './options';
import { appendQuery } from './query';
import { type CallContext, type Deadline, readResponse, withinDeadline } from './read-response';
import type { PreparedGet } from './prepared-get';
import { StandbyLimiter } from './rate-limit/on-first-429';
import type { OperationTable } from './operation-table';
import type { RequestSpecIn } from './request-spec';
import { type ResolvedRetryOptions, type RetryOptions, DEFAULT_RETRY, resolveRetry } from './retry-options';
import { retryPolicy } from './retry';

const DEFAULT_TIMEOUT = 30_000;
/** ky refuses timeouts above the largest setTimeout delay. */
const MAX_TIMEOUT = 2_147_483_647;

/**
 * Creates the {@link Api} every action needs: one ky instance (ky's own retry off, HTTP errors
 * read by us), the token, version, timeout and retry policy, for one dialect: TamTam by default,
 * `dialect: 'max'` for Max (the api is then an `Api<MaxOperations>`, so actions Max lacks do
 * not compile and sources emit Max updates). Throws a TypeError naming the problem when an
 * option is invalid (a query token with Max included), so a typo fails at start-up rather
 * than on first call.
 *
 * @example
 * const api = createApi({ token: process.env.TAMTAM_TOKEN! });
 * getMyInfo(api).subscribe((me) => console.log(`running as @${me.username}`));
 *
 * // Max: token in the Authorization header, https://platform-api2.max.ru
 * const max = createApi({ dialect: 'max', token: process.env.MAX_TOKEN! });
 *
 * // against the local emulator
 * const dev = createApi({ token: emulator.token, baseUrl: emulator.url });
 */
export function createApi<const C extends DialectChoice = 'tamtam'>(options: ApiOptions<C>): Api<OperationsOf<C>>;
export function createApi(options: ApiOptions<DialectChoice>): Api<OperationTable> {
  return new HttpApi(options, () => resolveDialect(options.dialect ?? 'tamtam'));
}

/**
 * {@link createApi} for a {@link Dialect} value you import (`TAMTAM_DIALECT`, `MAX_DIALECT`) or
 * build: the same api, options and checks, but without `createApi`'s lookup by name, which
 * puts both dialects (their operation tables and update types) into every app's bundle. An
 * app that passes its dialect here carries only that one (the Max table and dialect are about
 * 0.4 kB min+gz of a TamTam bot).
 *
 * @example
 * import { TAMTAM_DIALECT, createDialectApi } from 'tamtam-rx';
 * const api = createDialectApi(TAMTAM_DIALECT, { token: process.env.TAMTAM_TOKEN! });
 *
 * // Max, without the TamTam-only rows in the bundle's dialect lookup
 * const max = createDialectApi(MAX_DIALECT, { token: process.env.MAX_TOKEN! }); // Api<MaxOperations>
 */
export function createDialectApi<const D extends Dialect>(
  dialect: D,
  options: Omit<ApiOptions<D>, 'dialect'>,
): Api<D['operations']>;
export function createDialectApi(dialect: Dialect, options: Omit<ApiOptions<Dialect>, 'dialect'>): Api<OperationTable> {
  // its own misuse guards first, naming it (the api's constructor names createApi)
  checkTokenOptions(
    options,
    'createDialectApi(dialect, { token })',
    'createDialectApi(TAMTAM_DIALECT, { token: process.env.TAMTAM_TOKEN })',
  );
  try {
    checkDialect(dialect);
  } catch (error) {
    throw new TypeError(`createDialectApi: ${error instanceof Error ? error.message : String(error)}`);
  }
  return new HttpApi(options, () => dialect);
}

/**
 * The misuse guards every api factory runs first: an options object with a non-empty token.
 * Each error names the factory as `call` shows it and gives `example` as the fix.
 */
function checkTokenOptions(options: { readonly token: string }, call: string, example: string): void {
  const factory = call.slice(0, call.indexOf('('));
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${factory} needs an options object: ${call}`);
  }
  if (typeof options.token !== 'string' || options.token.trim() === '') {
    throw new TypeError(
      `${factory}: \`token\` is required and must be a non-empty string. Get one from @PrimeBot in TamTam, e.g. ${example}`,
    );
  }
}

/**
 * The api `createApi` makes. Exported inside the package only, for {@link prepareGet}.
 *
 * @example
 * const api = createApi({ token });
 * api instanceof HttpApi; // true
 */
export class HttpApi implements Api<OperationTable> {
  readonly dialect: Dialect;
  readonly baseUrl: string;
  readonly version: string;
  readonly timeout: number;
  readonly tokenIn: TokenPlacement;
  readonly #token: string;
  readonly #retry: RetryOptions | false;
  readonly #ky: KyInstance;
  /** Headers of every request (lower-case names), for requests sent without ky. */
  readonly #headers: Readonly<Record<string, string>>;
  readonly #fetch: typeof fetch | undefined;
  /** Paces the requests to the API host (never upload URLs); `undefined` when off. */
  readonly #limiter: RateLimiter | undefined;
  readonly #retryDefault: ResolvedRetryOptions | false;
  readonly #retryByRow = new WeakMap<RetryOptions, ResolvedRetryOptions | false>();

  /**
   * Checks the options in order (an object, the token, the dialect `dialectOf` resolves, the
   * rest), each error naming the option and how to fix it.
   */
  constructor(options: Omit<ApiOptions<DialectChoice>, 'dialect'>, dialectOf: () => Dialect) {
    checkTokenOptions(options, 'createApi({ token })', 'createApi({ token: process.env.TAMTAM_TOKEN })');
    this.#token = options.token;
    let dialect: Dialect;
    try {
      dialect = dialectOf();
    } catch (error) {
      throw new TypeError(`createApi: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.dialect = dialect;
    this.baseUrl = normalizeBaseUrl(options.baseUrl ?? dialect.baseUrl);
    this.version = options.version ?? dialect.version;
    if (typeof this.version !== 'string')
      throw new TypeError(`createApi: version must be a string ('' sends none), got ${String(this.version)}`);
    this.timeout = validateTimeout(options.timeout ?? DEFAULT_TIMEOUT, 'timeout');
    this.tokenIn = options.tokenIn ?? dialect.auth.tokenIn;
    if (this.tokenIn !== 'query' && this.tokenIn !== 'header') {
      throw new TypeError(`createApi: tokenIn must be 'query' or 'header', got ${JSON.stringify(this.tokenIn)}`);
    }
    if (!dialect.auth.accepts.includes(this.tokenIn)) {
      throw new TypeError(
        `createApi: the ${dialect.name} Bot API does not accept the token in the ${this.tokenIn === 'query' ? 'query string' : 'Authorization header'}` +
          (dialect.auth.accepts.includes('header')
            ? " (it answers 403 deprecated.token); leave tokenIn out or set tokenIn: 'header'"
            : `; use tokenIn: '${dialect.auth.tokenIn}'`),
      );
    }
    this.#retryDefault = resolveRetry(DEFAULT_RETRY, options.retry); // validates now
    this.#retry = options.retry ?? {};
    this.#limiter = resolveRateLimit(options.rateLimit, {
      baseUrl: this.baseUrl,
      dialectBaseUrl: dialect.baseUrl,
      limits: dialect.limits,
    });
    this.#ky = ky.create({
      retry: 0,
      throwHttpErrors: false,
      headers: { accept: 'application/json', ...options.headers },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.#headers = Object.fromEntries(new Headers({ accept: 'application/json', ...options.headers }));
    this.#fetch = options.fetch;
  }

  request(spec: RequestSpecIn<OperationTable, string>, options: CallOptions = {}): Observable<unknown> {
    // defer: option errors arrive through the Observable, like every other failure
    return defer(() => {
      const retry: ResolvedRetryOptions | false =
        options.retry === undefined
          ? this.#retryOf(spec.retry)
          : resolveRetry(DEFAULT_RETRY, this.#retry, spec.retry, options.retry);
      const timeout = validateTimeout(options.timeout ?? spec.timeout ?? this.timeout, `${spec.operation}: timeout`);
      return this.#limited(this.#attempt<unknown>(spec, timeout), spec).pipe(
        retryPolicy(retry, spec.method, spec.operation),
      );
    });
  }

  /** The api's retry settings merged with an operation's (its row's, a constant): once per row, not per call. */
  #retryOf(row: RetryOptions | undefined): ResolvedRetryOptions | false {
    if (row === undefined) return this.#retryDefault;
    const known = this.#retryByRow.get(row);
    if (known !== undefined) return known;
    const resolved = resolveRetry(DEFAULT_RETRY, this.#retry, row);
    this.#retryByRow.set(row, resolved);
    return resolved;
  }

  /**
   * Each attempt (a retry is a new one) waits for a slot of the rate limiter and reports a 429
   * to it. Upload URLs live on another host with limits of its own: not counted.
   */
  #limited<T>(attempt$: Observable<T>, spec: RequestSpecIn<OperationTable, string>): Observable<T> {
    const limiter = this.#limiter;
    if (limiter === undefined || spec.absoluteUrl !== undefined) return attempt$;
    // a long poll feeds every other request: it goes first
    return limiter.acquire({ operation: spec.operation, priority: spec.operation === 'getUpdates' }).pipe(
      concatMap(() => attempt$),
      tap({ error: (error: unknown) => this.#noteThrottled(limiter, error) }),
    );
  }

  /** Tells the limiter about a 429: it slows down (or starts pacing, on standby). */
  #noteThrottled(limiter: RateLimiter, error: unknown): void {
    if (isTamTamApiError(error) && error.status === 429) limiter.throttled({ retryAfter: error.retryAfter });
  }

  /**
   * True for an api this class made and nobody changed: not a wrapper around one (whose
   * `request` may change the spec or the options), not one with its own `request`.
   */
  static isUnchanged(api: object): api is HttpApi {
    // biome-ignore lint/complexity/noThisInStatic: naming the class inside its body makes the bundler rename it `_HttpApi` in stack frames (test/package/readable-names.test.ts)
    return #token in api && api.request === this.prototype.request;
  }

  /**
   * Prepares a GET of relative `spec` sent again and again with one more query parameter,
   * `name`, whose value changes between sends (the long poll's `marker`): URL, headers, timeout
   * and error context are built once, and each {@link PreparedGet.attempt} is one promise-based
   * exchange — the same `fetch`, deadline (body included), abort and typed, redacted errors as
   * a call, without the Observable chain. No retry: the caller applies the retry rule.
   */
  prepareGet(spec: RequestSpecIn<OperationTable, string>, name: string): PreparedGet<unknown> {
    const timeout = validateTimeout(spec.timeout ?? this.timeout, `${spec.operation}: timeout`);
    const context = { operation: spec.operation, method: spec.method, path: spec.path };
    const fixed = this.#url(spec);
    // the api's URL has no query of its own (a baseUrl with one is refused): path ? params
    const [path, query] = fixed.split('?');
    const head = `${path}?${name}=`;
    const tail = query === undefined ? '' : `&${query}`;
    const init = { method: 'GET', headers: this.#headersOf(spec) };
    const limiter = this.#limiter;
    return {
      attempt: (value) => {
        // the limiter is skipped only while it lets everything through: off, or on standby
        if (limiter !== undefined && !(limiter instanceof StandbyLimiter && !limiter.pacing)) return undefined;
        const url = value === null || value === undefined ? fixed : head + encodeURIComponent(value) + tail;
        const exchange = this.#exchange<unknown>(timeout, context, (signal) => this.#fetchOf(url, { ...init, signal }));
        return {
          abort: exchange.abort,
          result: exchange.result.then(undefined, (error: unknown) => {
            const failure = toTamTamError(error, context, this.#token, timeout);
            if (limiter !== undefined) this.#noteThrottled(limiter, failure);
            throw failure;
          }),
        };
      },
    };
  }

  /** One HTTP exchange as a cold Observable; unsubscribing aborts it, `timeout` bounds all of it. */
  #attempt<T>(spec: RequestSpecIn<OperationTable, string>, timeout: number): Observable<T> {
    return new Observable<T>((subscriber) => {
      // Aborting a finished exchange does nothing but build an AbortError with a stack
      // (tens of µs per request), so teardown aborts only an exchange still in flight.
      let settled = false;
      const context = {
        operation: spec.operation,
        method: spec.method,
        path: spec.absoluteUrl === undefined ? spec.path : safePathOf(spec.absoluteUrl),
      };
      const url = this.#url(spec);
      const exchange = this.#exchange<T>(timeout, context, (signal) => this.#send(spec, url, signal));
      exchange.result.then(
        (value) => {
          settled = true;
          subscriber.next(value);
          subscriber.complete();
        },
        (error: unknown) => {
          settled = true;
          subscriber.error(toTamTamError(error, context, this.#token, timeout));
        },
      );
      return () => {
        if (!settled) exchange.abort();
      };
    });
  }

  /** One deadline for the whole exchange, body included (ky's timeout stops at the headers). */
  #exchange<T>(timeout: number, context: CallContext, send: (signal: AbortSignal) => Promise<Response>): Deadline<T> {
    const controller = new AbortController();
    return withinDeadline(timeout, controller, () =>
      send(controller.signal).then((response) => readResponse<T>(response, context)),
    );
  }

  /**
   * Sends one request. A request without a body (every poll) or with a JSON body (every send)
   * goes straight to `fetch`, its JSON as a string: ky would add an AbortSignal.any, option
   * merging and a clone of the request per call (the clone tees a JSON body into two streams),
   * which is all it does for such a request here (its retry and timeout are off; the api has
   * its own). The global `fetch` gets the URL and init, not a `Request`: undici builds a
   * `Request` from its arguments anyway, and one built from another `Request` follows its signal
   * and pipes its body through a TransformStream — 2–3× the CPU of the send. A custom `fetch`
   * still gets one `Request` (what fetch wrappers expect). Multipart uploads go through ky.
   */
  #send(spec: RequestSpecIn<OperationTable, string>, url: string, signal: AbortSignal): Promise<Response> {
    if (spec.body === undefined) {
      const init: RequestInit =
        spec.json === undefined
          ? { method: spec.method, signal, headers: this.#headersOf(spec) }
          : {
              method: spec.method,
              signal,
              headers: { ...this.#headersOf(spec), 'content-type': 'application/json' },
              body: JSON.stringify(spec.json),
            };
      return this.#fetchOf(url, init);
    }
    const auth = spec.absoluteUrl === undefined && this.tokenIn === 'header' ? { authorization: this.#token } : {};
    return this.#ky(url, { method: spec.method, signal, timeout: false, headers: auth, body: spec.body });
  }

  /** The global `fetch` gets the URL and init; a custom one a `Request` (see {@link HttpApi.#send}). */
  #fetchOf(url: string, init: RequestInit): Promise<Response> {
    return this.#fetch === undefined ? globalThis.fetch(url, init) : this.#fetch(new Request(url, init));
  }

  /** The headers of a request without a body: the api's, and the token when it goes in a header to the API. */
  #headersOf(spec: RequestSpecIn<OperationTable, string>): Record<string, string> {
    return spec.absoluteUrl === undefined && this.tokenIn === 'header'
      ? { ...this.#headers, authorization: this.#token }
      : { ...this.#headers };
  }

  #url(spec: RequestSpecIn<OperationTable, string>): string {
    if (spec.absoluteUrl !== undefined) {
      const url = new URL(spec.absoluteUrl);
      appendQuery(url.searchParams, spec.query);
      return url.href;
    }
    // one URLSearchParams serialised once (setting params on a URL re-serialises it every time)
    const params = new URLSearchParams();
    appendQuery(params, spec.query);
    if (this.version !== '') params.set('v', this.version);
    if (this.tokenIn === 'query') params.set('access_token', this.#token);
    const search = params.toString();
    return search === '' ? this.baseUrl + spec.path : `${this.baseUrl}${spec.path}?${search}`;
  }

  /** Keeps the token out of `console.log(api)` and `JSON.stringify(api)`. */
  toJSON(): object {
    return {
      dialect: this.dialect.name,
      baseUrl: this.baseUrl,
      version: this.version,
      timeout: this.timeout,
      tokenIn: this.tokenIn,
    };
  }
}

function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`createApi: baseUrl must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`createApi: baseUrl must use http or https, got ${JSON.stringify(baseUrl)}`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new TypeError(
      `createApi: baseUrl must not contain a query or fragment (put the token in \`token\`), got a URL with one`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function validateTimeout(timeout: number, what: string): number {
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT) {
    throw new TypeError(
      `${what} must be a positive number of milliseconds up to ${MAX_TIMEOUT}, got ${String(timeout)}`,
    );
  }
  return timeout;
}

function safePathOf(absoluteUrl: string): string {
  try {
    return new URL(absoluteUrl).pathname;
  } catch {
    return '(invalid url)';
  }
}
