/**
 * Small statistics for benchmark rounds: median and spread (min–max) of a sample, and the
 * per-round ratio of a subject against the baseline measured in the same round.
 */

/**
 * Median, minimum and maximum of a sample (the spread we report is min–max: with 3–7 rounds
 * an interquartile range says little more).
 *
 * @example
 * summarize([3, 1, 2]); // { median: 2, min: 1, max: 3, n: 3 }
 */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

/**
 * Summarizes a non-empty sample.
 *
 * @example
 * summarize([10, 12, 11]).median; // 11
 */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError('summarize: the sample is empty; run at least one round');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, n: sorted.length };
}

/**
 * Per-round ratios `subject[i] / baseline[i]` (pairs measured in the same round, so drift
 * of a shared machine cancels), summarized.
 *
 * @example
 * pairedRatio([100, 110], [90, 99]).median; // 0.9
 */
export function pairedRatio(subject: readonly number[], baseline: readonly number[]): Summary {
  if (subject.length !== baseline.length) {
    throw new RangeError(
      `pairedRatio: ${subject.length} subject rounds vs ${baseline.length} baseline rounds; pair them`,
    );
  }
  return summarize(subject.map((value, i) => value / (baseline[i] as number)));
}

/**
 * Formats a summary as `median (min–max)` with the given number of significant decimals.
 *
 * @example
 * formatSummary({ median: 0.934, min: 0.91, max: 0.95, n: 3 }, 2); // '0.93 (0.91–0.95)'
 */
export function formatSummary(summary: Summary, decimals = 2, unit = ''): string {
  const f = (v: number): string => formatNumber(v, decimals);
  if (summary.n === 1 || summary.min === summary.max) return `${f(summary.median)}${unit}`;
  return `${f(summary.median)}${unit} (${f(summary.min)}–${f(summary.max)})`;
}

/**
 * A number with thousands separators for big values and `decimals` for small ones.
 *
 * @example
 * formatNumber(12345.6, 2); // '12 346'
 * formatNumber(1.234, 2); // '1.23'
 * formatNumber(20, 2); // '20'
 */
export function formatNumber(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1000) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US').replace(/,/g, ' ');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  return value.toFixed(decimals);
}
