import { describe, expect, it } from 'vitest';
import { callbackPayload } from '../../src/operators';
import { sampleUpdates } from '../fixtures/updates';
import { marbles } from '../helpers/marbles';
import { run } from './collect';
import { press } from './make-updates';

describe('callbackPayload', () => {
  const yes = press('vote:yes');
  const no = press('vote:no');
  const bare = press(undefined);
  const msg = sampleUpdates.message_created;

  it(
    'an exact string passes only that payload',
    marbles((m) => {
      const source = m.hot('-y-n-m-b-y-|', { y: yes, n: no, m: msg, b: bare });
      m.expect<unknown>(source.pipe(callbackPayload('vote:yes'))).toBeObservable('-y-------y-|', { y: yes });
    }),
  );

  it('passes the very same update object on (no copy) for strings and predicates', () => {
    expect(run([yes], callbackPayload('vote:yes'))[0]).toBe(yes);
    expect(
      run(
        [yes, no],
        callbackPayload((p) => p.endsWith(':no')),
      ),
    ).toEqual([no]);
    expect(
      run(
        [yes, no],
        callbackPayload((p) => p.endsWith(':no')),
      )[0],
    ).toBe(no);
  });

  it('a RegExp adds the match, with named groups, and leaves the original update untouched', () => {
    const [out] = run([msg, yes, no], callbackPayload<'choice'>(/^vote:(?<choice>yes|no)$/));
    expect(out?.match.groups.choice).toBe('yes');
    expect(out?.match[0]).toBe('vote:yes');
    expect(out?.callback).toEqual(yes.callback);
    expect('match' in yes).toBe(false);
    expect(run([yes, no], callbackPayload(/^vote:/)).map((u) => u.match[0])).toEqual(['vote:', 'vote:']);
  });

  it('a global RegExp matches the same way every time (no lastIndex state)', () => {
    expect(run([yes, yes, yes], callbackPayload(/vote/g))).toHaveLength(3);
  });

  it('the predicate sees the payload and the update', () => {
    const seen: unknown[] = [];
    run(
      [yes],
      callbackPayload((p, u) => (seen.push(p, u), false)),
    );
    expect(seen).toEqual(['vote:yes', yes]);
  });

  it('presses without a payload never pass, not even an always-true predicate', () => {
    expect(
      run(
        [bare],
        callbackPayload(() => true),
      ),
    ).toEqual([]);
    expect(run([bare], callbackPayload(/.*/))).toEqual([]);
  });

  it(
    'errors from upstream pass through; unsubscribing unsubscribes upstream',
    marbles((m) => {
      const source = m.cold('-y-#', { y: yes });
      m.expect<unknown>(source.pipe(callbackPayload('vote:yes'))).toBeObservable('-y-#', { y: yes });
      const endless = m.cold('-y-y-y-y', { y: yes });
      m.expect<unknown>(endless.pipe(callbackPayload('vote:yes')), '^--!').toBeObservable('-y--', { y: yes });
      m.expect<unknown>(endless).toHaveSubscriptions('^--!');
    }),
  );

  it('rejects a matcher of the wrong kind with a clear message', () => {
    expect(() => callbackPayload(42 as unknown as string)).toThrow(
      /callbackPayload: expected a string, a RegExp or a predicate function, got number/,
    );
  });
});
