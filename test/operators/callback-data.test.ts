import { describe, expect, it, vi } from 'vitest';
import { callbackButton, jsonPayloadCodec, payloadCodec } from '../../src/builders';
import { callbackData } from '../../src/operators';
import type { PayloadCodec } from '../../src/builders';
import { sampleUpdates } from '../fixtures/updates';
import { marbles } from '../helpers/marbles';
import { run } from './collect';
import { press } from './make-updates';

const vote = payloadCodec('vote', { poll: 'int', choice: ['yes', 'no'] });

describe('callbackData', () => {
  it('round trip: the payload of a button built with the codec comes back decoded as `data`', () => {
    const button = callbackButton('Yes', vote, { poll: 7, choice: 'yes' });
    const [out] = run([press(button.payload)], callbackData(vote));
    expect(out?.data).toEqual({ poll: 7, choice: 'yes' });
    expect(out?.callback.payload).toBe('vote:7:yes');
  });

  it(
    'foreign, malformed and missing payloads simply do not pass',
    marbles((m) => {
      const good = press(vote.encode({ poll: 1, choice: 'no' }));
      const values = {
        g: good,
        f: press('deploy:482:approve'), // foreign
        x: press('vote:abc:yes'), // malformed poll
        y: press('vote:1:maybe'), // not an allowed choice
        z: press('vote:1'), // too few fields
        b: press(undefined),
        m: sampleUpdates.message_created,
      };
      const source = m.cold('-f-x-y-z-b-m-g-|', values);
      const decoded = source.pipe(callbackData(vote));
      m.expect<unknown>(decoded).toBeObservable('-------------g-|', {
        g: { ...good, data: { poll: 1, choice: 'no' } },
      });
    }),
  );

  it('reports malformed payloads of its own tag to onMalformed, but not foreign ones', () => {
    const onMalformed = vi.fn();
    const stale = press('vote:1:maybe');
    run([press('other:1'), stale], callbackData(vote, { onMalformed }));
    expect(onMalformed).toHaveBeenCalledTimes(1);
    expect(onMalformed).toHaveBeenCalledWith(
      stale,
      expect.stringMatching(/field 'choice' of 'vote' is not a valid one of "yes", "no"/),
    );
  });

  it('a codec that throws while decoding does not break the pipeline', () => {
    const throwing: PayloadCodec<number> = {
      tag: 'boom',
      encode: () => 'boom:1',
      decode: () => {
        throw new Error('bug in codec');
      },
    };
    const onMalformed = vi.fn();
    expect(run([press('boom:1'), press('boom:2')], callbackData(throwing, { onMalformed }))).toEqual([]);
    expect(onMalformed).toHaveBeenCalledWith(expect.anything(), "codec 'boom' threw: bug in codec");
  });

  it('works with a JSON codec and its validator', () => {
    const isCart = (v: unknown): v is { items: string[] } =>
      typeof v === 'object' && v !== null && Array.isArray((v as { items?: unknown }).items);
    const cart = jsonPayloadCodec('cart', isCart);
    const out = run(
      [press(cart.encode({ items: ['a', 'b'] })), press('cart:{"items":1}'), press('cart:{oops')],
      callbackData(cart),
    );
    expect(out.map((u) => u.data)).toEqual([{ items: ['a', 'b'] }]);
  });

  it(
    'passes upstream errors and unsubscribes upstream',
    marbles((m) => {
      const source = m.cold('-a-#', { a: sampleUpdates.bot_started });
      m.expect<unknown>(source.pipe(callbackData(vote))).toBeObservable('---#');
      const endless = m.cold('-a-a-a', { a: sampleUpdates.bot_started });
      m.expect<unknown>(endless.pipe(callbackData(vote)), '^-!').toBeObservable('---');
      m.expect<unknown>(endless).toHaveSubscriptions('^-!');
    }),
  );

  it('rejects something that is not a codec', () => {
    expect(() => callbackData({} as PayloadCodec<unknown>)).toThrow(/callbackData: pass a payload codec/);
  });
});
