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
 * Fault injection settings. All faults apply to Bot API routes only, never to `/_emulator/`
 * control routes or upload URLs. Random choices come from a PRNG seeded with `seed`, so the same
 * requests in the same order meet the same faults.
 *
 * @example
 * const faults: FaultOptions = { seed: 7, latencyMs: { min: 5, max: 20 }, burst503: { every: 10 } };
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
  /** Chance (0..1) that the connection is destroyed without an answer. Default 0. */
  dropConnectionProbability?: number;
  /** Chance (0..1) that a 200 answer carries a truncated, unparsable JSON body. Default 0. */
  malformedBodyProbability?: number;
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
  dropped: number;
  rateLimited: number;
  unavailable: number;
  malformed: number;
}
