import { map } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createMarbles } from '../../src/testing/entry-marbles';

describe('createMarbles', () => {
  it('runs marble tests with the given expect, in virtual time', () => {
    const calls: string[] = [];
    const recordingExpect = (actual: unknown) => ({
      toBeTruthy: () => calls.push(`truthy ${String(actual)}`),
      toStrictEqual: (expected: unknown) => {
        calls.push('deepEqual');
        expect(actual).toStrictEqual(expected);
      },
    });
    const { marbles } = createMarbles(recordingExpect);
    marbles((m) => {
      m.expect(m.cold('-a 1000ms b|', { a: 1, b: 2 }).pipe(map((x) => x * 10))).toBeObservable('-a 1000ms b|', {
        a: 10,
        b: 20,
      });
    })();
    expect(calls).toContain('deepEqual');
  });

  it('reports a mismatch through the given expect', () => {
    const { marbles } = createMarbles(expect);
    expect(
      marbles((m) => {
        m.expect(m.cold('a|', { a: 1 })).toBeObservable('a|', { a: 2 });
      }),
    ).toThrow();
  });

  it('asks for the runner’s expect when given something else', () => {
    expect(() => createMarbles(undefined as never)).toThrow(/pass your test runner's expect/);
  });
});
