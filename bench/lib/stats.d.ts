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
export declare function summarize(values: readonly number[]): Summary;
/**
 * Per-round ratios `subject[i] / baseline[i]` (pairs measured in the same round, so drift
 * of a shared machine cancels), summarized.
 *
 * @example
 * pairedRatio([100, 110], [90, 99]).median; // 0.9
 */
export declare function pairedRatio(subject: readonly number[], baseline: readonly number[]): Summary;
/**
 * Formats a summary as `median (min–max)` with the given number of significant decimals.
 *
 * @example
 * formatSummary({ median: 0.934, min: 0.91, max: 0.95, n: 3 }, 2); // '0.93 (0.91–0.95)'
 */
export declare function formatSummary(summary: Summary, decimals?: number, unit?: string): string;
/**
 * A number with thousands separators for big values and `decimals` for small ones.
 *
 * @example
 * formatNumber(12345.6, 2); // '12 346'
 * formatNumber(1.234, 2); // '1.23'
 * formatNumber(20, 2); // '20'
 */
export declare function formatNumber(value: number, decimals?: number): string;
