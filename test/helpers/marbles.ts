/**
 * Marble testing for vitest: rxjs-marbles' root `configure` wired to vitest's `expect`, in
 * `run` mode (TestScheduler#run), so every time-based operator inside a test — `debounceTime`,
 * `timer`, `delay` — runs in virtual time. (The test kit will later move this into
 * `src/testing`.)
 *
 * @example
 * import { marbles } from '../helpers/marbles';
 *
 * it('doubles', marbles((m) => {
 *   const source = m.cold('-a-b|', { a: 1, b: 2 });
 *   m.expect(source.pipe(map((x) => x * 2))).toBeObservable('-a-b|', { a: 2, b: 4 });
 * }));
 */
import { configure } from 'rxjs-marbles';
import { expect } from 'vitest';

export const { marbles } = configure({
  run: true,
  frameworkMatcher: true,
  assert: (value: unknown, message: string) => expect(value, message).toBeTruthy(),
  assertDeepEqual: (actual: unknown, expected: unknown) => expect(actual).toStrictEqual(expected),
});

export type { Context as MarbleContext } from 'rxjs-marbles';
