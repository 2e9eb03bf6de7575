import { describe, expect, it } from 'vitest';
import { command } from '../../src/operators';
import { sampleUpdates } from '../fixtures/updates';
import { marbles } from '../helpers/marbles';
import { run } from './collect';
import { message } from './make-updates';

describe('command', () => {
  it('passes messages that start with the command and adds the parsed command', () => {
    const [out] = run([message('/start')], command('start'));
    expect(out?.command).toEqual({ name: 'start', mention: null, args: '', argv: [] });
  });

  it('parses arguments, quotes and a @botname', () => {
    const [out] = run([message('/remind@release_bot   10m "call mom"  \'x y\' z ')], command('remind'));
    expect(out?.command).toEqual({
      name: 'remind',
      mention: 'release_bot',
      args: '10m "call mom"  \'x y\' z',
      argv: ['10m', 'call mom', 'x y', 'z'],
    });
  });

  it('keeps multi-line arguments', () => {
    const [out] = run([message('/note first line\nsecond line')], command('note'));
    expect(out?.command.args).toBe('first line\nsecond line');
  });

  it('matches any of several names, ignoring case, and reports the name as declared', () => {
    const out = run([message('/HELP'), message('/start now'), message('/stop')], command(['start', 'help']));
    expect(out.map((u) => u.command.name)).toEqual(['help', 'start']);
  });

  it(
    'does not match other commands, prefixes, text or non-messages',
    marbles((m) => {
      const values = {
        a: message('/starts'),
        b: message('start'),
        c: message(' /start'),
        d: message('hello /start'),
        e: message(null),
        f: sampleUpdates.bot_started,
        g: message('/start@'),
        s: message('/start'),
      };
      const out = m.cold('-a-b-c-d-e-f-g-s-|', values).pipe(command('start'));
      m.expect(out).toBeObservable('---------------s-|', {
        s: { ...values.s, command: { name: 'start', mention: null, args: '', argv: [] } },
      });
    }),
  );

  it('with the bot username set, ignores commands addressed to another bot', () => {
    const out = run(
      [message('/start@other_bot'), message('/start@Release_Bot go'), message('/start')],
      command('start', { username: '@release_bot' }),
    );
    expect(out.map((u) => u.command.mention)).toEqual(['Release_Bot', null]);
  });

  it('without a username, passes any @mention', () => {
    expect(run([message('/start@other_bot')], command('start'))).toHaveLength(1);
  });

  it('rejects names with a slash or spaces, or no names', () => {
    expect(() => command('/start')).toThrow(/pass it without the slash/);
    expect(() => command('two words')).toThrow(/is not a command name/);
    expect(() => command([] as unknown as [string])).toThrow(/name at least one command/);
  });

  it(
    'passes errors on and unsubscribes upstream',
    marbles((m) => {
      const s = message('/start');
      const source = m.cold('-s-#', { s });
      m.expect(source.pipe(command('start'))).toBeObservable('-s-#', {
        s: { ...s, command: { name: 'start', mention: null, args: '', argv: [] } },
      });
      const endless = m.cold('-s-s-s', { s });
      m.expect(endless.pipe(command('nope')), '^-!').toBeObservable('---');
      m.expect(endless).toHaveSubscriptions('^-!');
    }),
  );
});
