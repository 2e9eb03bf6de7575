import { describe, expect, it, vi } from 'vitest';
import { Observable, Subject, defer, from, map, mergeMap, of, range, take, tap, throwError, timer } from 'rxjs';
import {
  type HandlerError,
  type PerChatStats,
  chatKey,
  command,
  isHandlerError,
  perChat,
  perChatStats,
} from '../../src/operators';
import { emitTracked } from '../../src/delivery/hold-update';
import type { MessageCreatedUpdate } from '../../src/types';
import { sampleUpdates } from '../fixtures/updates';
import { marbles } from '../helpers/marbles';
import { message } from './make-updates';

const text = (u: MessageCreatedUpdate): string => u.message.body.text ?? '';

describe('perChat', () => {
  const a1 = message('a1', 1);
  const a2 = message('a2', 1);
  const a3 = message('a3', 1);
  const b1 = message('b1', 2);
  const values = { a: a1, b: a2, c: b1, d: a3 };

  it(
    'keeps order within a chat while other chats run concurrently',
    marbles((m) => {
      const source = m.hot('-a-b-c---|', values);
      const out = source.pipe(perChat((u: MessageCreatedUpdate) => m.cold('---(r|)', { r: text(u) })));
      // a1 runs 1-4; a2 waits for it (4-7); b1 (other chat) starts at once (5-8).
      m.expect(out).toBeObservable('----a--bc|', { a: 'a1', b: 'a2', c: 'b1' });
    }),
  );

  it(
    'a longer first handler never lets the second update of its chat overtake it',
    marbles((m) => {
      const durations: Record<string, string> = { a1: '-----(r|)', a2: '--(r|)', a3: '---(r|)' };
      const source = m.hot('-abd--|', values);
      const out = source.pipe(perChat((u: MessageCreatedUpdate) => m.cold(durations[text(u)] ?? '', { r: text(u) })));
      // a1 runs 1-6, a2 6-8, a3 8-11, although a2 and a3 are shorter and arrived at 2 and 3.
      m.expect(out).toBeObservable('------a-b--(c|)', { a: 'a1', b: 'a2', c: 'a3' });
    }),
  );

  it(
    'runs at most `concurrency` handlers at once over all chats',
    marbles((m) => {
      const source = m.hot('-(abc)--------|', { a: message('x', 1), b: message('y', 2), c: message('z', 3) });
      const out = source.pipe(
        perChat((u: MessageCreatedUpdate) => m.cold('----(r|)', { r: text(u) }), { concurrency: 2 }),
      );
      // Three chats, two slots: z waits for a free slot (5) and finishes at 9.
      m.expect(out).toBeObservable('-----(xy)z----|', { x: 'x', y: 'y', z: 'z' });
    }),
  );

  it(
    'a custom key decides what runs in order',
    marbles((m) => {
      const source = m.hot('-a-c-|', values); // different chats, same author
      const out = source.pipe(
        perChat((u: MessageCreatedUpdate) => m.cold('---(r|)', { r: text(u) }), { key: () => 'one lane' }),
      );
      m.expect(out).toBeObservable('----a--(c|)', { a: 'a1', c: 'b1' });
    }),
  );

  it(
    'a handler error is reported with its update; the stream and the chat go on',
    marbles((m) => {
      const errors: HandlerError<MessageCreatedUpdate>[] = [];
      const source = m.hot('-a-b-|', values);
      const out = source.pipe(
        perChat(
          (u: MessageCreatedUpdate) =>
            u === a1 ? m.cold('--#', {}, new Error('boom')) : m.cold('-(r|)', { r: text(u) }),
          {
            onError: (e) => errors.push(e),
          },
        ),
      );
      m.expect(out).toBeObservable('----b|', { b: 'a2' });
      m.flush();
      expect(errors).toHaveLength(1);
      expect(errors[0]?.update).toBe(a1);
      expect(errors[0]?.cause).toEqual(new Error('boom'));
      expect(errors[0]?.message).toBe("Handler failed for a 'message_created' update: Error: boom");
      expect(isHandlerError(errors[0])).toBe(true);
    }),
  );

  it(
    'a handler that throws synchronously, or returns something that is not a stream, is reported too',
    marbles((m) => {
      const errors: unknown[] = [];
      const source = m.hot('-a-b-c-|', values);
      const out = source.pipe(
        perChat(
          (u: MessageCreatedUpdate): Observable<string> => {
            if (u === a1) throw new TypeError('sync bug');
            if (u === a2) return undefined as unknown as Observable<string>;
            return of(text(u));
          },
          { onError: (e) => errors.push(e.update, (e.cause as Error).name) },
        ),
      );
      m.expect(out).toBeObservable('-----c-|', { c: 'b1' });
      m.flush();
      expect(errors).toEqual([a1, 'TypeError', a2, 'TypeError']);
    }),
  );

  it(
    'a throwing key is reported and that update skipped',
    marbles((m) => {
      const onError = vi.fn();
      const out = m.hot('-a-c-|', values).pipe(
        perChat((u: MessageCreatedUpdate) => of(text(u)), {
          key: (u) => {
            if (u === a1) throw new Error('no key');
            return chatKey(u);
          },
          onError,
        }),
      );
      m.expect(out).toBeObservable('---c-|', { c: 'b1' });
      m.flush();
      expect(onError).toHaveBeenCalledTimes(1);
      expect(onError.mock.calls[0]?.[0].update).toBe(a1);
    }),
  );

  it(
    'if onError itself throws, the output errors with that error',
    marbles((m) => {
      const out = m.hot('-a-c-|', values).pipe(
        perChat(() => throwError(() => new Error('handler')), {
          onError: () => {
            throw new Error('onError is broken');
          },
        }),
      );
      m.expect(out).toBeObservable('-#', {}, new Error('onError is broken'));
    }),
  );

  it('without onError, failures go to console.error and the stream goes on', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const out: string[] = [];
      from([a1, a2])
        .pipe(perChat((u) => (u === a1 ? throwError(() => new Error('x')) : of(text(u)))))
        .subscribe((v) => out.push(v));
      expect(out).toEqual(['a2']);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(isHandlerError(spy.mock.calls[0]?.[0])).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it(
    'unsubscribing cancels running handlers and drops queued updates',
    marbles((m) => {
      const first = m.cold('-----r|', { r: 'a1' });
      const second = m.cold('-r|', { r: 'a2' });
      const other = m.cold('----r|', { r: 'b1' });
      const handlers = new Map<MessageCreatedUpdate, Observable<string>>([
        [a1, first],
        [a2, second],
        [b1, other],
      ]);
      const source = m.hot('-abc----|', values);
      const out = source.pipe(perChat((u: MessageCreatedUpdate) => handlers.get(u) ?? of('?')));
      m.expect(out, '^----!').toBeObservable('------');
      m.expect(first).toHaveSubscriptions('-^---!');
      m.expect(other).toHaveSubscriptions('---^-!');
      m.expect(second).toHaveSubscriptions([]);
      m.expect(source).toHaveSubscriptions('^----!');
    }),
  );

  it(
    'completes only after the last running handler',
    marbles((m) => {
      const out = m.hot('-a|', values).pipe(perChat((u: MessageCreatedUpdate) => m.cold('----(r|)', { r: text(u) })));
      m.expect(out).toBeObservable('-----(a|)', { a: 'a1' });
    }),
  );

  it(
    'a source error is passed on at once and cancels running handlers',
    marbles((m) => {
      const running = m.cold('-----r|', { r: 'a1' });
      const out = m.hot('-a-#', values).pipe(perChat(() => running));
      m.expect(out).toBeObservable('---#');
      m.expect(running).toHaveSubscriptions('-^-!');
    }),
  );

  it('handlers may emit many values, or return promises and arrays', async () => {
    const out: string[] = [];
    await new Promise<void>((resolve) =>
      from([a1, b1, a2])
        .pipe(perChat((u) => (u === a1 ? [text(u), 'again'] : u === b1 ? Promise.resolve(text(u)) : of(text(u)))))
        .subscribe({ next: (v) => out.push(v), complete: resolve }),
    );
    expect(out).toEqual(['a1', 'again', 'a2', 'b1']);
  });

  it('many synchronous updates of one chat do not grow the call stack', () => {
    let count = 0;
    range(0, 100_000)
      .pipe(
        map((i) => ({ update_type: 'message_created', i })),
        perChat((u) => of(u.i), { key: () => 'same chat' }),
      )
      .subscribe((i) => {
        if (i === count) count += 1;
      });
    expect(count).toBe(100_000);
  });

  it(
    'releases idle chats: with 10 000 chats the number of live keys returns to 0',
    marbles((m) => {
      const chats = 10_000;
      const stats = perChatStats();
      let running = 0;
      let peakRunning = 0;
      let handled = 0;
      // Every chat sends a message at t=0 and another at t=1000; each handler takes 10 frames,
      // 500 run at once, so each burst takes 200 frames.
      const burst = (): MessageCreatedUpdate[] => Array.from({ length: chats }, (_, i) => message(`m${i}`, 1_000 + i));
      const source = timer(0, 1_000).pipe(
        take(2),
        mergeMap(() => burst()),
      );
      const handler = () =>
        defer(() => {
          running += 1;
          peakRunning = Math.max(peakRunning, running);
          return timer(10).pipe(tap({ complete: () => (running -= 1) }));
        });
      source.pipe(perChat(handler, { concurrency: 500, stats })).subscribe(() => (handled += 1));
      const samples: Record<string, PerChatStats> = {};
      const sample = (name: string, at: number) => m.scheduler.schedule(() => (samples[name] = { ...stats }), at);
      sample('during first burst', 5);
      sample('between bursts', 999);
      sample('during second burst', 1_055);
      sample('after', 5_000);
      m.flush();
      expect(samples['during first burst']).toEqual({ liveKeys: chats, running: 500, queued: chats - 500 });
      expect(samples['between bursts']).toEqual({ liveKeys: 0, running: 0, queued: 0 });
      expect(samples['during second burst']).toEqual({ liveKeys: chats - 2_500, running: 500, queued: chats - 3_000 });
      expect(samples['after']).toEqual({ liveKeys: 0, running: 0, queued: 0 });
      expect(peakRunning).toBe(500);
      expect(handled).toBe(2 * chats);
    }),
    // 20 000 virtual timers (the TestScheduler sorts its queue on every schedule): seconds of
    // CPU, many more on a loaded machine; a bound, not a timing assertion
    120_000,
  );

  it('holds updates of a tracking source until their handler finishes, and abandons them on unsubscribe', () => {
    const events: string[] = [];
    const updates = new Subject<MessageCreatedUpdate>();
    const finishA = new Subject<string>();
    const subscription = updates.pipe(perChat((u) => (u === a1 ? finishA : new Subject<string>()))).subscribe();
    emitTracked(a1, (u) => updates.next(u), {
      handled: () => events.push('a1 handled'),
      abandoned: () => events.push('a1 abandoned'),
    });
    emitTracked(a2, (u) => updates.next(u), {
      handled: () => events.push('a2 handled'),
      abandoned: () => events.push('a2 abandoned'),
    });
    emitTracked(a3, (u) => updates.next(u), {
      handled: () => events.push('a3 handled'),
      abandoned: () => events.push('a3 abandoned'),
    });
    expect(events).toEqual([]);
    finishA.complete();
    expect(events).toEqual(['a1 handled']);
    subscription.unsubscribe(); // a2 was running (it never finishes), a3 was queued behind it
    expect(events).toEqual(['a1 handled', 'a2 abandoned', 'a3 abandoned']);
  });

  it('still holds the original update after operators that add fields (command, callbackData, …)', () => {
    const events: string[] = [];
    const updates = new Subject<MessageCreatedUpdate>();
    const done = new Subject<string>();
    updates
      .pipe(
        command('start'),
        perChat((u) => (events.push(`running /${u.command.name}`), done)),
      )
      .subscribe();
    emitTracked(message('/start'), (u) => updates.next(u), {
      handled: () => events.push('handled'),
      abandoned: () => events.push('abandoned'),
    });
    expect(events).toEqual(['running /start']);
    done.complete();
    expect(events).toEqual(['running /start', 'handled']);
  });

  it('a failed handler still counts as handled (the error was reported)', () => {
    const events: string[] = [];
    const updates = new Subject<MessageCreatedUpdate>();
    updates
      .pipe(perChat(() => throwError(() => new Error('x')), { onError: () => events.push('reported') }))
      .subscribe();
    emitTracked(a1, (u) => updates.next(u), {
      handled: () => events.push('handled'),
      abandoned: () => events.push('abandoned'),
    });
    expect(events).toEqual(['reported', 'handled']);
  });

  it('after onError threw, later updates of a synchronous source are left for redelivery, not run', () => {
    const events: string[] = [];
    const started: string[] = [];
    const track = (name: string) => ({
      handled: () => events.push(`${name} handled`),
      abandoned: () => events.push(`${name} abandoned`),
    });
    const source = new Observable<MessageCreatedUpdate>((subscriber) => {
      emitTracked(a1, (u) => subscriber.next(u), track('a1'));
      emitTracked(b1, (u) => subscriber.next(u), track('b1'));
    });
    source
      .pipe(
        perChat((u) => (started.push(text(u)), throwError(() => new Error('x'))), {
          onError: () => {
            throw new Error('broken onError');
          },
        }),
      )
      .subscribe({ error: (e: Error) => events.push(e.message) });
    expect(started).toEqual(['a1']);
    expect(events).toEqual(['broken onError', 'a1 abandoned', 'b1 abandoned']);
  });

  it('rejects a bad concurrency or handler with a clear message', () => {
    expect(() => perChat(() => of(1), { concurrency: 0 })).toThrow(
      /perChat: options.concurrency must be a whole number ≥ 1 or Infinity, got 0/,
    );
    expect(() => perChat(undefined as unknown as () => Observable<never>)).toThrow(
      /perChat: the handler must be a function/,
    );
  });

  it('the default key puts updates of one chat in one lane, whatever their type', () => {
    expect(chatKey(sampleUpdates.message_callback)).toBe(chatKey(sampleUpdates.bot_started));
    expect(chatKey(sampleUpdates.message_construction_request)).toBe(
      `user:${sampleUpdates.message_construction_request.user.user_id}`,
    );
    expect(chatKey({ update_type: 'dialog_muted' })).toBe('');
  });
});
