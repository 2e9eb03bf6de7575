/**
 * What can go wrong on purpose: the fault settings of the emulator.
 */

/**
 * Answer with 429 and `Retry-After` once more than `perSecond` API requests arrive within one
 * second (requests that got a 429 do not count).
 *
 * @example
 * const limit: RateLimitFault = { perSecond: 30, retryAfterSeconds: 1 };
 */
export interface RateLimitFault {
  /** Requests allowed per sliding second. */
  perSecond: number;
  /** Value of the `Retry-After` header, in seconds. Default 1. */
  retryAfterSeconds?: number;
}

/**
 * Runs of 503 answers. A burst starts on every `every`-th request and/or with `probability`
 * per request, and lasts `length` requests.
 *
 * @example
 * const flaky: Burst503Fault = { probability: 0.05, length: 3 };
 */
export interface Burst503Fault {
  /** Chance (0..1) that a request starts a burst. Default 0. */
  probability?: number;
  /** Start a burst on every N-th API request (N ≥ 1). Default: never. */
  every?: number;
  /** Requests per burst, this one included. Default 1. */
  length?: number;
}

/**
 * 429 answers at random, whatever the request rate (a server under load elsewhere).
 *
 * @example
 * const busy: TooManyRequestsFault = { probability: 0.05, retryAfterSeconds: null }; // Max sends no Retry-After
 */
export interface TooManyRequestsFault {
  /** Chance (0..1) that a request is answered 429. */
  probability: number;
  /** Value of the `Retry-After` header in seconds, or `null` to send none. Default 1. */
  retryAfterSeconds?: number | null;
}

/**
 * Fault injection settings. All faults apply to Bot API routes only, never to `/_emulator/`
 * control routes or upload URLs. Random choices come from a PRNG seeded with `seed`, so the same
 * requests in the same order meet the same faults. At most one fault besides latency hits a
 * request; when several are drawn, the first of this order wins: rate limit, 503 burst, random
 * 429, 500, dropped connection, stalled body, connection dropped after the headers, HTML body,
 * truncated JSON.
 *
 * @example
 * const faults: FaultOptions = { seed: 7, latencyMs: { min: 5, max: 20 }, burst503: { every: 10 }, stalledBodyProbability: 0.01 };
 */
export interface FaultOptions {
  /** PRNG seed. Default 1. Setting it at run time restarts the sequence. */
  seed?: number;
  /** Delay added before answering: fixed ms or a uniform range. Default 0. */
  latencyMs?: number | { min: number; max: number };
  /** Rate limiting, or `null` for none (default). */
  rateLimit?: RateLimitFault | null;
  /** 503 bursts, or `null` for none (default). */
  burst503?: Burst503Fault | null;
  /** Random 429 answers, or `null` for none (default). */
  tooManyRequests?: TooManyRequestsFault | null;
  /** Chance (0..1) of a 500 `internal.error` answer instead of handling the request. Default 0. */
  serverErrorProbability?: number;
  /** Chance (0..1) that the connection is destroyed without an answer (before any header). Default 0. */
  dropConnectionProbability?: number;
  /**
   * Chance (0..1) that a request is handled, its 200 headers and half its body are sent, and then
   * the connection is destroyed. Default 0.
   */
  dropAfterHeadersProbability?: number;
  /** Chance (0..1) that a 200 answer carries a truncated, unparsable JSON body. Default 0. */
  malformedBodyProbability?: number;
  /** Chance (0..1) that a 200 answer carries an HTML page instead of JSON. Default 0. */
  nonJsonBodyProbability?: number;
  /**
   * Chance (0..1) that a request is handled, its 200 headers and half its body are sent, and then
   * nothing more: the body never finishes until the client closes the connection (only a
   * deadline covering the whole exchange gets a client out). Default 0.
   */
  stalledBodyProbability?: number;
}

/**
 * Counters of injected faults since start (or the last reset).
 *
 * @example
 * emulator.faults.stats().rateLimited; // 3
 */
export interface FaultStats {
  /** API requests seen by the fault injector. */
  requests: number;
  delayed: number;
  /** Connections destroyed before any header. */
  dropped: number;
  /** 429 answers (rate limit and random ones). */
  rateLimited: number;
  /** 503 answers. */
  unavailable: number;
  /** 500 answers. */
  serverErrors: number;
  /** Connections destroyed after the headers, mid-body. */
  droppedAfterHeaders: number;
  /** Truncated JSON bodies. */
  malformed: number;
  /** HTML bodies in place of JSON. */
  nonJson: number;
  /** Bodies that never finished. */
  stalled: number;
}
