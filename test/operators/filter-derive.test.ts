import { describe, expect, it } from 'vitest';
import { Observable, take } from 'rxjs';
import {
  deriveUpdate,
  emitTracked,
  holdUpdate,
  isRedelivery,
  markRedelivery,
  originalUpdate,
} from '../../src/delivery/index';
import { filterDerive } from '../../src/operators/filter-derive';
import {
  type AnyUpdate,
  callbackData,
  callbackPayload,
  command,
  hasAttachment,
  messageText,
  startPayload,
} from '../../src/operators';
import { isOfType } from '../../src/operators/update-like';
import { payloadCodec } from '../../src/builders';
import type { OperatorFunction } from 'rxjs';
import { sampleUpdates } from '../fixtures/updates';
import { marbles } from '../helpers/marbles';
import { run } from './collect';
import { message, press, started } from './make-updates';

const isCreated = (u: AnyUpdate) => isOfType(u, 'message_created');

describe('filterDerive', () => {
  const values = { c: sampleUpdates.message_created, k: sampleUpdates.message_callback, s: sampleUpdates.bot_started };

  it(
    'with a test only, lets through the very values that pass',
    marbles((m) => {
      const source = m.hot('-c-k-s-c-|', values);
      m.expect<unknown>(source.pipe(filterDerive(isCreated))).toBeObservable('-c-----c-|', values);
      m.expect<unknown>(source).toHaveSubscriptions('^--------!');
    }),
  );

  it(
    'emits what derive returns for passing values, and drops the ones it maps to null',
    marbles((m) => {
      const source = m.cold('-a-b-c-d-|', { a: 1, b: -2, c: 3, d: 4 });
      const odd = filterDerive(
        (n: number) => n > 0,
        (n) => (n % 2 === 1 ? `odd ${n}` : null),
      );
      m.expect(source.pipe(odd)).toBeObservable('-a---c---|', { a: 'odd 1', c: 'odd 3' });
    }),
  );

  it('never calls derive for values that fail the test', () => {
    const seen: number[] = [];
    run(
      [1, 2, 3],
      filterDerive(
        (n: number) => n !== 2,
        (n) => (seen.push(n), n),
      ),
    );
    expect(seen).toEqual([1, 3]);
  });

  it(
    'a throwing test or derive errors the output and unsubscribes the source',
    marbles((m) => {
      const boom = new Error('boom');
      const source = m.cold('-a-b-c-', { a: 1, b: 2, c: 3 });
      const throwingTest = filterDerive((n: number) => {
        if (n === 2) throw boom;
        return true;
      });
      m.expect(source.pipe(throwingTest)).toBeObservable('-a-#', { a: 1 }, boom);
      const throwingDerive = filterDerive(
        (n: number) => n > 0,
        (n) => {
          if (n === 2) throw boom;
          return n * 10;
        },
      );
      m.expect(source.pipe(throwingDerive)).toBeObservable('-a-#', { a: 10 }, boom);
      m.expect(source).toHaveSubscriptions(['^--!', '^--!']);
    }),
  );

  it(
    'passes source errors and completion through; unsubscribing unsubscribes the source',
    marbles((m) => {
      const failure = new Error('poll failed');
      m.expect(m.cold('-a-#', { a: 1 }, failure).pipe(filterDerive(() => true))).toBeObservable(
        '-a-#',
        { a: 1 },
        failure,
      );
      m.expect(m.cold('-a-|', { a: 1 }).pipe(filterDerive(() => false))).toBeObservable('---|');
      const endless = m.cold('-a-a-a-a-', { a: 1 });
      m.expect(endless.pipe(filterDerive(() => true)), '^--!').toBeObservable('-a--', { a: 1 });
      m.expect(endless).toHaveSubscriptions('^--!');
    }),
  );

  it('stops a synchronous source as soon as the consumer has enough', () => {
    let emitted = 0;
    const numbers = new Observable<number>((subscriber) => {
      for (let i = 0; i < 100 && !subscriber.closed; i++) {
        emitted += 1;
        subscriber.next(i);
      }
      subscriber.complete();
    });
    const out: string[] = [];
    numbers
      .pipe(
        filterDerive(
          (n: number) => n % 2 === 0,
          (n) => `#${n}`,
        ),
        take(2),
      )
      .subscribe((v) => out.push(v));
    expect(out).toEqual(['#0', '#2']);
    expect(emitted).toBe(3);
  });

  it('ignores values a misbehaving source sends after it completed or failed', () => {
    const tested: number[] = [];
    const lateAfter = (end: 'complete' | 'error') =>
      new Observable<number>((subscriber) => {
        subscriber.next(1);
        if (end === 'complete') subscriber.complete();
        else subscriber.error(new Error('gone'));
        subscriber.next(2);
      });
    const spy = filterDerive((n: number) => (tested.push(n), true));
    const out: number[] = [];
    lateAfter('complete')
      .pipe(spy)
      .subscribe((n) => out.push(n));
    lateAfter('error')
      .pipe(spy)
      .subscribe({ next: (n) => out.push(n), error: () => {} });
    expect(tested).toEqual([1, 1]);
    expect(out).toEqual([1, 1]);
  });

  it('each subscription runs on its own: operators are reusable', () => {
    const evens = filterDerive((n: number) => n % 2 === 0);
    expect(run([1, 2, 3, 4], evens)).toEqual([2, 4]);
    expect(run([6, 7], evens)).toEqual([6]);
  });

  it('rejects a test or derive that is not a function, saying which', () => {
    expect(() => filterDerive('yes' as unknown as (n: number) => boolean)).toThrow(
      /filterDerive: test must be a function/,
    );
    expect(() => filterDerive((n: number) => n > 0, 42 as unknown as (n: number) => number)).toThrow(
      /filterDerive: derive must be a function/,
    );
  });
});

describe('deriving operators keep delivery answered through the emitted update', () => {
  const vote = payloadCodec('vote', { choice: ['yes', 'no'] });
  const withImage = message('look');
  withImage.message.body.attachments = [
    { type: 'image', payload: { photo_id: 1, token: 't', url: 'https://example.com/1.jpg' } },
  ];
  const cases: readonly [string, AnyUpdate, OperatorFunction<AnyUpdate, object>][] = [
    ['command', message('/go now'), command('go')],
    ['callbackPayload(RegExp)', press('order:7'), callbackPayload(/^order:(\d+)$/)],
    ['callbackData', press(vote.encode({ choice: 'yes' })), callbackData(vote)],
    ['messageText(RegExp)', message('roll 6'), messageText(/^roll (\d)$/)],
    ['startPayload(RegExp)', started('ref_42'), startPayload(/^ref_(\d+)$/)],
    ['hasAttachment', withImage, hasAttachment('image')],
  ];

  for (const [name, update, operator] of cases) {
    it(`${name}: a copy whose isRedelivery, originalUpdate and holds are the emitted update's`, () => {
      markRedelivery(update);
      const events: string[] = [];
      const out: object[] = [];
      let release = (): void => {};
      emitTracked(
        update,
        (u) => {
          run([u], operator).forEach((derived) => {
            out.push(derived);
            release = holdUpdate(derived);
          });
        },
        { handled: () => events.push('handled'), abandoned: () => events.push('abandoned') },
      );
      expect(out).toHaveLength(1);
      const [derived] = out;
      expect(derived).not.toBe(update);
      expect(originalUpdate(derived ?? {})).toBe(update);
      expect(isRedelivery(derived ?? {})).toBe(true);
      expect(events).toEqual([]);
      release();
      expect(events).toEqual(['handled']);
    });
  }

  it('deriveUpdate on a derived update still points at the emitted one', () => {
    const update = message('/go');
    const [derived] = run([update], command('go'));
    expect(originalUpdate(deriveUpdate(derived ?? update, { more: true }))).toBe(update);
  });
});
