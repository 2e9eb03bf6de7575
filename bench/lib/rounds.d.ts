/**
 * Running competitors alternately: every round runs each one once, the order rotating from
 * round to round (A B, B A, A B ...) so that warming up, GC debt and a neighbour's load on a
 * shared machine do not favour one side.
 */
/**
 * Runs `warmup` unmeasured rounds, then `rounds` measured ones, each runner once per round in
 * a rotating order. Returns every runner's measurements in round order.
 *
 * @example
 * const { fast, slow } = await alternate(3, { fast: () => run(a), slow: () => run(b) });
 */
export declare function alternate<K extends string>(rounds: number, runners: Readonly<Record<K, () => Promise<number>>>, options?: {
    readonly warmup?: number;
    readonly log?: (line: string) => void;
}): Promise<Record<K, number[]>>;
/**
 * Seconds elapsed since `start` (from `performance.now()`).
 *
 * @example
 * const t0 = performance.now(); await work(); secondsSince(t0);
 */
export declare function secondsSince(start: number): number;
