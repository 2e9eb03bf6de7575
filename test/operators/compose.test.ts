/**
 * The operators are ordinary RxJS: they share a source, mix with time operators, and keep
 * per-chat state with groupBy/scan.
 */
import { describe, it } from 'vitest';
import { combineLatest, debounceTime, groupBy, map, merge, mergeMap, scan, share, takeUntil, timer } from 'rxjs';
import { payloadCodec } from '../../src/builders';
import { callbackData, chatIdOf, command, inChat, messageText, ofType, perChat } from '../../src/operators';
import type { Update } from '../../src/types';
import { marbles } from '../helpers/marbles';
import { message, press } from './make-updates';

describe('composing with ordinary RxJS', () => {
  it(
    'several handlers over one shared source: each sees its updates, the source is subscribed once',
    marbles((m) => {
      const vote = payloadCodec('vote', { choice: ['yes', 'no'] });
      const values = {
        s: message('/start', 1),
        h: message('hello', 1),
        y: press(vote.encode({ choice: 'yes' }), 1),
        p: message('/help', 2),
      };
      const source = m.cold<Update>('-s-h-y-p---|', values);
      const updates$ = source.pipe(share());
      const bot$ = merge(
        updates$.pipe(
          command(['start', 'help']),
          map((u) => `cmd:${u.command.name}`),
        ),
        updates$.pipe(
          messageText(/^hel/),
          map((u) => `text:${u.message.body.text}`),
        ),
        updates$.pipe(
          callbackData(vote),
          map((u) => `vote:${u.data.choice}`),
        ),
        updates$.pipe(
          ofType('message_created'),
          inChat(2),
          map(() => 'chat 2'),
        ),
      );
      m.expect(bot$).toBeObservable('-a-b-c-(de)|', {
        a: 'cmd:start',
        b: 'text:hello',
        c: 'vote:yes',
        d: 'cmd:help',
        e: 'chat 2',
      });
      m.expect(source).toHaveSubscriptions('^----------!');
    }),
  );

  it(
    'debounceTime per chat: only the last message of a burst in each chat is answered',
    marbles((m) => {
      const values = { a: message('a1', 1), b: message('a2', 1), x: message('x1', 2), c: message('a3', 1) };
      const source = m.hot<Update>('-ab-x------c-----|', values);
      const answered$ = source.pipe(
        ofType('message_created'),
        groupBy((u) => chatIdOf(u), { duration: (group) => group.pipe(debounceTime(10)) }),
        mergeMap((chat) => chat.pipe(debounceTime(3))),
        map((u) => u.message.body.text),
      );
      m.expect(answered$).toBeObservable('-----b-x------c--|', { b: 'a2', x: 'x1', c: 'a3' });
    }),
  );

  it(
    'scan keeps state per chat: a counter for each chat',
    marbles((m) => {
      const values = { a: message('x', 1), b: message('x', 2), c: message('x', 1), d: message('x', 1) };
      const counts$ = m.cold<Update>('-a-b-c-d-|', values).pipe(
        ofType('message_created'),
        groupBy((u) => chatIdOf(u)),
        mergeMap((chat) =>
          chat.pipe(
            scan((n) => n + 1, 0),
            map((n) => `${chat.key}:${n}`),
          ),
        ),
      );
      m.expect(counts$).toBeObservable('-a-b-c-d-|', { a: '1:1', b: '2:1', c: '1:2', d: '1:3' });
    }),
  );

  it(
    'perChat with a handler that keeps state across updates via scan on its output',
    marbles((m) => {
      const values = { a: message('2', 1), b: message('3', 2), c: message('5', 1) };
      const totals$ = m.cold<Update>('-a-b-c-|', values).pipe(
        ofType('message_created'),
        perChat((u) => m.cold('-(r|)', { r: { chat: chatIdOf(u), n: Number(u.message.body.text) } })),
        groupBy((r) => r.chat),
        mergeMap((chat) =>
          chat.pipe(
            scan((sum, r) => sum + r.n, 0),
            map((sum) => `${chat.key}=${sum}`),
          ),
        ),
      );
      m.expect(totals$).toBeObservable('--a-b-c|', { a: '1=2', b: '2=3', c: '1=7' });
    }),
  );

  it(
    'combined with a timer stream: a reminder if no answer came within 5 frames',
    marbles((m) => {
      const values = { q: message('/quiz', 1), a: message('42', 1) };
      const source = m.hot<Update>('-q-a---q-------|', values);
      const updates$ = source.pipe(ofType('message_created'));
      const reminders$ = updates$.pipe(
        command('quiz'),
        mergeMap((quiz) =>
          timer(5).pipe(
            map(() => `remind ${chatIdOf(quiz)}`),
            takeUntil(updates$.pipe(messageText(/^\d+$/))),
          ),
        ),
      );
      m.expect(reminders$).toBeObservable('------------r--|', { r: 'remind 1' });
    }),
  );

  it(
    'combineLatest with a timer: the latest update seen at every tick',
    marbles((m) => {
      const values = { a: message('a', 1), b: message('b', 1) };
      const updates$ = m.hot<Update>('-a---b----|', values).pipe(
        ofType('message_created'),
        map((u) => u.message.body.text),
      );
      const ticks$ = timer(0, 3);
      const seen$ = combineLatest([ticks$, updates$]).pipe(
        map(([tick, text]) => `${tick}:${text}`),
        takeUntil(timer(10)),
      );
      m.expect(seen$).toBeObservable('-a-b-cd--e|', { a: '0:a', b: '1:a', c: '1:b', d: '2:b', e: '3:b' });
    }),
  );
});
