import type { Update } from '../src/types/index';
import type { WorkloadRun } from './lib/result';
/**
 * 1000 distinct updates the source cycles through: half `message_created`, half
 * `message_callback` with payloads from {@link PAYLOADS}.
 *
 * @example
 * updatePool()[1]?.update_type; // 'message_callback'
 */
export declare function updatePool(): Update[];
/** Who selects: the library's operators, one hand-written filter, or two (one per operator). */
export type Selector = 'tamtam-rx' | 'hand-written filter' | 'hand-written chain';
/**
 * Pipes `n` updates through the operators (`'tamtam-rx'`), one hand-written filter with the
 * same logic, or a chain of two hand-written filters (type, then payload) and returns how
 * many passed and how long it took.
 *
 * @example
 * selectVotes('tamtam-rx', updatePool(), 1000); // { passed: 125, seconds: ... }
 */
export declare function selectVotes(who: Selector, pool: readonly Update[], n: number): {
    passed: number;
    seconds: number;
};
export declare const run: WorkloadRun;
