/**
 * Marble tests with rxjs-marbles, wired to your test runner's `expect` (vitest, jest, …),
 * running in `TestScheduler#run` mode so every time-based operator — `timer`, `interval`,
 * `delay`, `debounceTime`, and a fake api's `delay` — runs in virtual time.
 */
import { type Context, configure } from 'rxjs-marbles';

/**
 * The part of a test runner's `expect` the marble helpers use: vitest's and jest's fit.
 *
 * @example
 * import { expect } from 'vitest';
 * const asExpectLike: ExpectLike = expect;
 */
export type ExpectLike = (
  actual: unknown,
  message?: string,
) => {
  /** Asserts that `actual` is truthy. */
  toBeTruthy(): void;
  /** Asserts that `actual` deeply equals `expected`. */
  toStrictEqual(expected: unknown): void;
};

/**
 * A marble test: receives the marble context (`cold`, `hot`, `expect`, `scheduler`, …) and
 * returns a test function for your runner's `it`.
 *
 * @example
 * const double: MarbleTest = marbles((m) => m.expect(m.cold('a|', { a: 1 }).pipe(map((x) => x * 2))).toBeObservable('a|', { a: 2 }));
 */
export type MarbleTest = (test: (m: MarbleContext) => void) => () => void;

/**
 * The marble context passed to a marble test.
 *
 * @example
 * function tick(m: MarbleContext) { return m.time('---|'); }
 */
export type MarbleContext = Context;

/**
 * Creates `marbles` for your runner: pass its `expect` once (e.g. in a shared helper file).
 *
 * @example
 * import { expect, it } from 'vitest';
 * import { createMarbles } from 'tamtam-rx/testing/marbles';
 * const { marbles } = createMarbles(expect);
 *
 * it('doubles', marbles((m) => {
 *   const source = m.cold('-a-b|', { a: 1, b: 2 });
 *   m.expect(source.pipe(map((x) => x * 2))).toBeObservable('-a-b|', { a: 2, b: 4 });
 * }));
 */
export function createMarbles(expect: ExpectLike): { marbles: MarbleTest } {
  if (typeof expect !== 'function') {
    throw new TypeError(
      "createMarbles: pass your test runner's expect, e.g. `import { expect } from 'vitest'; createMarbles(expect)`",
    );
  }
  const { marbles } = configure({
    run: true,
    frameworkMatcher: true,
    assert: (value: unknown, message: string) => expect(value, message).toBeTruthy(),
    assertDeepEqual: (actual: unknown, expected: unknown) => expect(actual).toStrictEqual(expected),
  });
  return { marbles: (test) => marbles((context: Context) => test(context)) };
}
