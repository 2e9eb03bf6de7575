/**
 * Running competitors alternately: every round runs each one once, the order rotating from
 * round to round (A B, B A, A B ...) so that warming up, GC debt and a neighbour's load on a
 * shared machine do not favour one side.
 */

/**
 * Runs `warmup` unmeasured rounds, then `rounds` measured ones, each runner once per round in
 * a rotating order. Returns every runner's measurements in round order. `roundsOf` runs some
 * runners in the first few measured rounds only (a costly reference row: its value in round
 * `i` pairs with the others' value in round `i`).
 *
 * @example
 * const { fast, slow } = await alternate(3, { fast: () => run(a), slow: () => run(b) });
 * const { base, costly } = await alternate(3, { base, costly }, { roundsOf: { costly: 1 } }); // costly: [x]
 */
export async function alternate<K extends string>(
  rounds: number,
  runners: Readonly<Record<K, () => Promise<number>>>,
  options: {
    readonly warmup?: number;
    readonly log?: (line: string) => void;
    readonly roundsOf?: Readonly<Partial<Record<K, number>>>;
  } = {},
): Promise<Record<K, number[]>> {
  const names = Object.keys(runners) as K[];
  const results = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  const warmup = options.warmup ?? 0;
  for (let round = -warmup; round < rounds; round++) {
    const shift = ((round % names.length) + names.length) % names.length;
    const order = [...names.slice(shift), ...names.slice(0, shift)];
    for (const name of order) {
      if (round >= (options.roundsOf?.[name] ?? rounds)) continue;
      const value = await runners[name]();
      if (round >= 0) results[name].push(value);
      options.log?.(`  ${round < 0 ? 'warm-up' : `round ${round + 1}/${rounds}`} ${name}: ${value.toFixed(3)}`);
    }
  }
  return results;
}

/**
 * Seconds elapsed since `start` (from `performance.now()`).
 *
 * @example
 * const t0 = performance.now(); await work(); secondsSince(t0);
 */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}
