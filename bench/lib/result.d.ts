/**
 * What a workload reports: comparisons (subject vs baseline, with a target), counts that must
 * be zero (lost, duplicated, out of order) and notes. `bench/run.ts` turns these into the
 * markdown table and the JSON file.
 */
import type { Summary } from './stats';
/**
 * A target on a comparison: the ratio (or the subject's value) must be at least or at most
 * `value`.
 *
 * @example
 * const target: Target = { on: 'ratio', atLeast: 0.9 };
 */
export type Target = {
    readonly on: 'ratio' | 'value';
    readonly atLeast: number;
} | {
    readonly on: 'ratio' | 'value';
    readonly atMost: number;
};
/**
 * One line of the results table.
 *
 * @example
 * const row: Comparison = { id: '2', workload: 'Operator overhead', metric: 'ns/update', subject: 'ofType + callbackPayload', baseline: 'hand-written filter', subjectValues: s, baselineValues: b, ratio, target: { on: 'ratio', atMost: 1.3 } };
 */
export interface Comparison {
    /** Short id as in the issue: `1`, `1b@100ms`, ... */
    readonly id: string;
    readonly workload: string;
    /** Unit of the values, e.g. `updates/s`. */
    readonly metric: string;
    readonly subject: string;
    readonly baseline: string;
    readonly subjectValues: Summary;
    /** `null` when the baseline is a constant (a budget, a theoretical minimum). */
    readonly baselineValues: Summary | null;
    /** `subject / baseline` per round (or subject / constant). */
    readonly ratio: Summary | null;
    readonly target: Target | null;
    /** Counters that must be zero for the target to be met (lost, duplicated, out of order). */
    readonly mustBeZero?: Readonly<Record<string, number>>;
    /** Counters reported without a target. */
    readonly info?: Readonly<Record<string, number | string>>;
}
/**
 * Everything one workload produced.
 *
 * @example
 * const result: WorkloadResult = { name: 'operators', title: '2. Operator overhead', config: { updates: 1_000_000 }, comparisons: [row], notes: [], seconds: 3.2 };
 */
export interface WorkloadResult {
    /** The name used on the command line (`npm run bench -- operators`). */
    readonly name: string;
    readonly title: string;
    /** Sizes, rounds and options used. */
    readonly config: Readonly<Record<string, unknown>>;
    readonly comparisons: readonly Comparison[];
    readonly notes: readonly string[];
    /** Wall-clock time of the whole workload. */
    readonly seconds: number;
    /** Per-round raw measurements and anything else worth keeping in the JSON. */
    readonly raw?: unknown;
}
/**
 * Whether a comparison meets its target (`null` without one). Non-zero `mustBeZero`
 * counters fail it.
 *
 * @example
 * isMet(row); // true
 */
export declare function isMet(row: Comparison): boolean | null;
/**
 * How a workload module runs: sizes come from `quick` (smoke-sized) or full mode.
 *
 * @example
 * export const run: WorkloadRun = async ({ quick, log }) => ({ ... });
 */
export type WorkloadRun = (context: {
    readonly quick: boolean;
    readonly log: (line: string) => void;
}) => Promise<WorkloadResult>;
