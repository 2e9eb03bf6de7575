import { describe, expect, it } from 'vitest';
import { messageText } from '../../src/operators';
import { freshSampleUpdate, sampleUpdates } from '../fixtures/updates';
import { marbles } from '../helpers/marbles';
import { run } from './collect';
import { message } from './make-updates';

describe('messageText', () => {
  const ping = message('ping');
  const pingPong = message('ping pong');
  const empty = message(null);

  it(
    'an exact string matches the whole text only',
    marbles((m) => {
      const source = m.cold('-a-b-c-d-|', { a: ping, b: pingPong, c: empty, d: sampleUpdates.message_callback });
      m.expect<unknown>(source.pipe(messageText('ping'))).toBeObservable('-a-------|', { a: ping });
    }),
  );

  it('a RegExp adds the match with typed named groups', () => {
    const [out] = run([message('roll 20'), message('roll x')], messageText<'n'>(/^roll (?<n>\d+)$/));
    expect(out?.match.groups.n).toBe('20');
    expect(out?.message.body.text).toBe('roll 20');
  });

  it('a predicate sees the text and the update', () => {
    const out = run(
      [ping, pingPong],
      messageText((text, u) => text.includes(' ') && u.update_type === 'message_created'),
    );
    expect(out).toEqual([pingPong]);
  });

  it('edited messages do not pass (it selects new messages)', () => {
    const edited = freshSampleUpdate('message_edited');
    expect(
      run(
        [edited],
        messageText(() => true),
      ),
    ).toEqual([]);
  });

  it(
    'passes errors on and unsubscribes upstream',
    marbles((m) => {
      m.expect<unknown>(m.cold('-a-#', { a: ping }).pipe(messageText('ping'))).toBeObservable('-a-#', { a: ping });
      const endless = m.cold('-a-a-a', { a: ping });
      m.expect<unknown>(endless.pipe(messageText('ping')), '^--!').toBeObservable('-a--', { a: ping });
      m.expect<unknown>(endless).toHaveSubscriptions('^--!');
    }),
  );
});
