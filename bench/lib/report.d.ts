/**
 * Renders workload results as a markdown table (one row per comparison) plus the settings
 * and the notes, for `bench/results/latest.md` and the README.
 */
import { type WorkloadResult } from './result';
/** Facts about the run printed above the table. */
export interface RunInfo {
    readonly date: string;
    readonly node: string;
    readonly cpus: string;
    readonly loadBefore: string;
    readonly loadAfter: string;
    readonly commit: string;
    readonly quick: boolean;
    readonly seconds: number;
}
/**
 * The markdown table of all comparisons.
 *
 * @example
 * const md = renderTable(results);
 */
export declare function renderTable(results: readonly WorkloadResult[]): string;
/**
 * The whole `latest.md`: header facts, table, per-workload settings and notes.
 *
 * @example
 * writeFileSync('bench/results/latest.md', renderReport(results, info));
 */
export declare function renderReport(results: readonly WorkloadResult[], info: RunInfo): string;
