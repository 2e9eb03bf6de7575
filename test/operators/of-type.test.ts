import { describe, expect, it } from 'vitest';
import { pipe } from 'rxjs';
import { ofType } from '../../src/operators';
import type { UnknownUpdate, UpdateType } from '../../src/types';
import { UPDATE_TYPES } from '../../src/types';
import { sampleUpdates } from '../fixtures/updates';
import { marbles } from '../helpers/marbles';

const values = {
  c: sampleUpdates.message_created,
  k: sampleUpdates.message_callback,
  s: sampleUpdates.bot_started,
  r: sampleUpdates.message_removed,
};

describe('ofType', () => {
  it(
    'lets through only the named type',
    marbles((m) => {
      const source = m.hot('  -c-k-s-c-|', values);
      const expected = '      -c-----c-|';
      m.expect<unknown>(source.pipe(ofType('message_created'))).toBeObservable(expected, values);
      m.expect<unknown>(source).toHaveSubscriptions('^--------!');
    }),
  );

  it(
    'lets through any of several types, in source order',
    marbles((m) => {
      const source = m.cold('-c-k-s-r-|', values);
      m.expect<unknown>(source.pipe(ofType('bot_started', 'message_callback'))).toBeObservable('---k-s---|', values);
    }),
  );

  it(
    'passes errors on and unsubscribes upstream when unsubscribed',
    marbles((m) => {
      const failing = m.cold('-c-k-#', values, new Error('poll failed'));
      m.expect<unknown>(failing.pipe(ofType('message_callback'))).toBeObservable(
        '---k-#',
        values,
        new Error('poll failed'),
      );
      const endless = m.cold('-c-k-c-k-c-k-', values);
      m.expect<unknown>(endless.pipe(ofType('message_created')), '^--!').toBeObservable('-c--', values);
      m.expect<unknown>(endless).toHaveSubscriptions('^--!');
    }),
  );

  it(
    'drops updates of unknown types from a newer server without failing',
    marbles((m) => {
      const unknown: UnknownUpdate = { update_type: 'dialog_muted', timestamp: 1, chat_id: 5 };
      const source = m.cold('-u-c-|', { u: unknown, c: values.c });
      m.expect<unknown>(source.pipe(ofType('message_created'))).toBeObservable('---c-|', { c: values.c });
    }),
  );

  it(
    'works inside a standalone pipe()',
    marbles((m) => {
      const onlyStarts = pipe(ofType('bot_started'));
      m.expect<unknown>(m.cold('-c-s-|', values).pipe(onlyStarts)).toBeObservable('---s-|', values);
    }),
  );

  it('selects exactly the sample of each type from a stream of all samples', () => {
    for (const type of UPDATE_TYPES) {
      const out: unknown[] = [];
      const all = Object.values(sampleUpdates);
      marbles((m) => {
        const source = m.cold(
          `${all.map((_, i) => String.fromCharCode(97 + i)).join('')}|`,
          Object.fromEntries(all.map((u, i) => [String.fromCharCode(97 + i), u])),
        );
        source.pipe(ofType(type)).subscribe((u) => out.push(u));
      })();
      expect(out).toEqual([sampleUpdates[type]]);
    }
  });

  it('rejects names that are not update types at run time too (for JavaScript callers)', () => {
    expect(() => ofType('message_create' as UpdateType)).toThrow(
      /'message_create' is not an update type; expected one of message_created/,
    );
    expect(() => (ofType as (...t: string[]) => unknown)()).toThrow(/at least one update type/);
  });
});
