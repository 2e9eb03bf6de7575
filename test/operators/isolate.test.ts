import { describe, expect, it, vi } from 'vitest';
import { type Observable, Subject, of, throwError } from 'rxjs';
import { type HandlerError, isolate, ofType } from '../../src/operators';
import { emitTracked } from '../../src/delivery/hold-update';
import type { MessageCreatedUpdate } from '../../src/types';
import { marbles } from '../helpers/marbles';
import { message } from './make-updates';

const text = (u: MessageCreatedUpdate): string => u.message.body.text ?? '';

describe('isolate', () => {
  const a = message('a', 1);
  const b = message('b', 1);
  const c = message('c', 2);
  const values = { a, b, c };

  it(
    'runs handlers concurrently, like mergeMap, even within one chat',
    marbles((m) => {
      const durations: Record<string, string> = { a: '----(r|)', b: '-(r|)', c: '--(r|)' };
      const out = m
        .hot('-abc-|', values)
        .pipe(isolate((u: MessageCreatedUpdate) => m.cold(durations[text(u)] ?? '', { r: text(u) })));
      m.expect(out).toBeObservable('---b-(ac|)', { a: 'a', b: 'b', c: 'c' }); // b overtakes a, in the same chat
    }),
  );

  it(
    'one failing update is reported and dropped; the others keep flowing',
    marbles((m) => {
      const errors: HandlerError<MessageCreatedUpdate>[] = [];
      const out = m.hot('-abc-|', values).pipe(
        isolate(
          (u: MessageCreatedUpdate) =>
            u === b ? m.cold('-#', {}, new Error('bad update')) : m.cold('-(r|)', { r: text(u) }),
          {
            onError: (e) => errors.push(e),
          },
        ),
      );
      m.expect(out).toBeObservable('--a-c|', { a: 'a', c: 'c' });
      m.flush();
      expect(errors.map((e) => [e.update, (e.cause as Error).message])).toEqual([[b, 'bad update']]);
    }),
  );

  it('catches synchronous throws in the handler', () => {
    const onError = vi.fn();
    const out: string[] = [];
    of(a, b)
      .pipe(
        isolate(
          (u): Observable<string> => {
            if (u === a) throw new RangeError('sync');
            return of(text(u));
          },
          { onError },
        ),
      )
      .subscribe((v) => out.push(v));
    expect(out).toEqual(['b']);
    expect(onError.mock.calls[0]?.[0].update).toBe(a);
  });

  it(
    'bounds concurrency when asked',
    marbles((m) => {
      const out = m
        .hot('-(abc)--------|', values)
        .pipe(isolate((u: MessageCreatedUpdate) => m.cold('----(r|)', { r: text(u) }), { concurrency: 2 }));
      m.expect(out).toBeObservable('-----(ab)c----|', { a: 'a', b: 'b', c: 'c' });
    }),
  );

  it(
    'unsubscribing cancels running handlers',
    marbles((m) => {
      const slow = m.cold('------r|', { r: 'x' });
      const source = m.hot('-a-b', values);
      m.expect(source.pipe(isolate(() => slow)), '^---!').toBeObservable('-----');
      m.expect(slow).toHaveSubscriptions(['-^--!', '---^!']);
      m.expect(source).toHaveSubscriptions('^---!');
    }),
  );

  it(
    'passes a source error on',
    marbles((m) => {
      m.expect(m.hot('-a-#', values).pipe(isolate(() => m.cold('-(r|)', { r: 1 })))).toBeObservable('--r#', { r: 1 });
    }),
  );

  it('the same update emitted twice runs twice', () => {
    const out: string[] = [];
    of(a, a)
      .pipe(isolate((u) => of(text(u))))
      .subscribe((v) => out.push(v));
    expect(out).toEqual(['a', 'a']);
  });

  it('holds updates of a tracking source until handled; a failure still counts as handled', () => {
    const events: string[] = [];
    const updates = new Subject<MessageCreatedUpdate>();
    const pending = new Subject<never>();
    updates
      .pipe(
        ofType('message_created'),
        isolate((u) => (u === a ? pending : throwError(() => new Error('x'))), {
          onError: () => events.push('reported'),
        }),
      )
      .subscribe();
    emitTracked(a, (u) => updates.next(u), {
      handled: () => events.push('a handled'),
      abandoned: () => events.push('a abandoned'),
    });
    emitTracked(b, (u) => updates.next(u), {
      handled: () => events.push('b handled'),
      abandoned: () => events.push('b abandoned'),
    });
    expect(events).toEqual(['reported', 'b handled']);
    pending.complete();
    expect(events).toEqual(['reported', 'b handled', 'a handled']);
  });
});
