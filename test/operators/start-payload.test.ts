import { describe, expect, it } from 'vitest';
import { startPayload } from '../../src/operators';
import { sampleUpdates } from '../fixtures/updates';
import { marbles } from '../helpers/marbles';
import { run } from './collect';
import { started } from './make-updates';

describe('startPayload', () => {
  const promo = started('promo');
  const ref = started('ref_spring');
  const none = started(undefined);
  const nul = started(null);
  const blank = started('');

  it(
    'without a matcher passes every bot_started that has a payload',
    marbles((m) => {
      const source = m.cold('-a-b-c-d-e-f-|', {
        a: promo,
        b: none,
        c: nul,
        d: blank,
        e: ref,
        f: sampleUpdates.message_created,
      });
      m.expect<unknown>(source.pipe(startPayload())).toBeObservable('-a-------e---|', { a: promo, e: ref });
    }),
  );

  it('an exact string, a RegExp with groups, and a predicate', () => {
    expect(run([promo, ref], startPayload('promo'))).toEqual([promo]);
    const [match] = run([promo, ref], startPayload<'campaign'>(/^ref_(?<campaign>\w+)$/));
    expect(match?.match.groups.campaign).toBe('spring');
    expect(
      run(
        [promo, ref, none],
        startPayload((p) => p.length > 5),
      ),
    ).toEqual([ref]);
  });

  it(
    'passes errors on and unsubscribes upstream',
    marbles((m) => {
      m.expect<unknown>(m.cold('-a-#', { a: promo }).pipe(startPayload())).toBeObservable('-a-#', { a: promo });
      const endless = m.cold('-a-a-a', { a: promo });
      m.expect<unknown>(endless.pipe(startPayload('x')), '^-!').toBeObservable('---');
      m.expect<unknown>(endless).toHaveSubscriptions('^-!');
    }),
  );
});
