/**
 * `tamtam-rx/testing/marbles`: marble tests for your runner with rxjs-marbles (an optional
 * peer dependency: `npm install -D rxjs-marbles`), in `TestScheduler#run` mode so timers, delays
 * and a fake api's `delay` run in virtual time.
 *
 * @example
 * import { expect, it } from 'vitest';
 * import { createMarbles } from 'tamtam-rx/testing/marbles';
 *
 * const { marbles } = createMarbles(expect);
 * it('doubles', marbles((m) => {
 *   m.expect(m.cold('a|', { a: 1 }).pipe(map((x) => x * 2))).toBeObservable('a|', { a: 2 });
 * }));
 *
 * @packageDocumentation
 *
 * @module tamtam-rx/testing/marbles
 */
export { createMarbles, type ExpectLike, type MarbleTest, type MarbleContext } from './marbles';
