/**
 * Marble testing for vitest: the test kit's `createMarbles` (src/testing/marbles.ts) wired to
 * vitest's `expect`, in `run` mode (TestScheduler#run), so every time-based operator inside a
 * test — `debounceTime`, `timer`, `delay` — runs in virtual time.
 *
 * @example
 * import { marbles } from '../helpers/marbles';
 *
 * it('doubles', marbles((m) => {
 *   const source = m.cold('-a-b|', { a: 1, b: 2 });
 *   m.expect(source.pipe(map((x) => x * 2))).toBeObservable('-a-b|', { a: 2, b: 4 });
 * }));
 */
import { expect } from 'vitest';
import { createMarbles } from '../../src/testing/marbles';

export const { marbles } = createMarbles(expect);

export type { MarbleContext } from '../../src/testing/marbles';
