/**
 * The fault decision for one request.
 */

/**
 * What the fault injector decided for one API request.
 *
 * @example
 * const plan: FaultPlan = { latencyMs: 0, outcome: 'pass', malformed: false, retryAfterSeconds: 1 };
 */
export interface FaultPlan {
  /** Wait this long before doing anything else. */
  latencyMs: number;
  /** `pass` handles the request normally. */
  outcome: 'pass' | 'drop' | 'rate-limited' | 'unavailable';
  /** For `rate-limited`: the `Retry-After` seconds. */
  retryAfterSeconds: number;
  /** Replace a successful body with broken JSON. */
  malformed: boolean;
}
