/**
 * The fault decision for one request.
 */

/**
 * What happens to the body of a successful (200) answer:
 * - `intact`: sent as is;
 * - `truncated`: JSON cut in half (`Content-Length` matches what is sent, so it reads fine and
 *   does not parse);
 * - `non-json`: an HTML error page in place of the JSON;
 * - `cut`: the headers and half the body are sent, then the connection is destroyed;
 * - `stalled`: the headers and half the body are sent, then nothing more until the client
 *   gives up (closes the connection) or the emulator closes.
 *
 * @example
 * const body: BodyFault = 'stalled';
 */
export type BodyFault = 'intact' | 'truncated' | 'non-json' | 'cut' | 'stalled';

/**
 * What the fault injector decided for one API request.
 *
 * @example
 * const plan: FaultPlan = { latencyMs: 0, outcome: 'pass', body: 'intact', retryAfterSeconds: 1 };
 */
export interface FaultPlan {
  /** Wait this long before doing anything else. */
  latencyMs: number;
  /**
   * `pass` handles the request normally; `drop` destroys the connection before any answer;
   * `rate-limited` answers 429, `unavailable` 503 and `server-error` 500, without handling it.
   */
  outcome: 'pass' | 'drop' | 'rate-limited' | 'unavailable' | 'server-error';
  /** For `rate-limited`: the `Retry-After` seconds, or `null` to send no `Retry-After`. */
  retryAfterSeconds: number | null;
  /** For `pass`: what happens to a 200 answer's body (the request itself is handled). */
  body: BodyFault;
}
