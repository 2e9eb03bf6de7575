/**
 * runBot in this process, through its hooks (`exit`, `signal`, `logger`, `signals: []`): what
 * tests and embedders use instead of signals and process.exit.
 */
import { EMPTY, NEVER, Subject, map } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import { ofType, perChat, reply } from '../../src/index';
import { RUN_BOT_EXIT_CODES, type RunBotLogger, runBot } from '../../src/node/index';
import { waitFor } from '../../src/testing/index';

function recorder(): { logger: RunBotLogger; lines: string[]; exits: number[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { logger: { info: at('info'), warn: at('warn'), error: at('error') }, lines, exits: [] };
}

describe('runBot in process', () => {
  it('runs on the embedded emulator, answers, and stops when its AbortSignal aborts: exit hook called once with 0', async () => {
    const { logger, lines, exits } = recorder();
    const abort = new AbortController();
    const saved = process.env['TAMTAM_TOKEN'];
    delete process.env['TAMTAM_TOKEN'];
    try {
      const running = await runBot(
        (api, updates$) =>
          updates$.pipe(
            ofType('message_created'),
            perChat((u) => reply(api, u, { text: 'pong' })),
          ),
        {
          name: 'inproc',
          logger,
          signals: [],
          signal: abort.signal,
          exit: (code) => exits.push(code),
        },
      );
      expect(running.emulator).toBeDefined();
      expect(running.webChatUrl).toBe(`${running.emulator?.url}/_emulator/ui`);
      expect(lines).toContain(`info:   Web chat:  ${running.webChatUrl}   (open it in a browser to talk to the bot)`);

      running.emulator?.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('ping');
      await waitFor(() => running.emulator?.inspect.sentMessages().some((m) => m.body.text === 'pong'), {
        what: 'the reply',
      });

      abort.abort();
      expect(await running.done).toBe(RUN_BOT_EXIT_CODES.stopped);
      expect(exits).toEqual([0]);
      expect(lines.at(-1)).toBe('info: The inproc bot stopped.');
      // the emulator was closed with the bot
      await expect(fetch(`${running.emulator?.url}/_emulator/users`)).rejects.toThrow();
      // stopping again changes nothing
      expect(await running.stop()).toBe(0);
      expect(exits).toEqual([0]);
    } finally {
      if (saved !== undefined) process.env['TAMTAM_TOKEN'] = saved;
    }
  });

  it('an error the bot ends with is one report naming the bot code, without RxJS frames; exit code 1', async () => {
    const { logger, lines, exits } = recorder();
    const saved = process.env['TAMTAM_TOKEN'];
    delete process.env['TAMTAM_TOKEN'];
    try {
      const trigger = new Subject<void>();
      const running = await runBot(
        () =>
          trigger.pipe(
            map(() => {
              throw new RangeError('the bot broke');
            }),
          ),
        { name: 'buggy', logger, signals: [], exit: (code) => exits.push(code) },
      );
      trigger.next();
      expect(await running.done).toBe(RUN_BOT_EXIT_CODES.failed);
      expect(exits).toEqual([1]);
      const errors = lines.filter((l) => l.startsWith('error: '));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^error: The buggy bot stopped with an error: RangeError: the bot broke\n {4}at /);
      expect(errors[0]).toContain('run-bot-in-process.test.ts');
      expect(errors[0]).not.toMatch(/node_modules[\\/]rxjs/);
    } finally {
      if (saved !== undefined) process.env['TAMTAM_TOKEN'] = saved;
    }
  });

  it('a start-up failure (the API unreachable) reports it and never calls the bot function; exit code 1', async () => {
    const { logger, lines, exits } = recorder();
    let called = false;
    const running = await runBot(
      () => {
        called = true;
        return NEVER;
      },
      {
        token: 'a-token',
        // port 9 (discard) is closed on loopback; no retries, so the start-up check fails at once
        api: { baseUrl: 'http://127.0.0.1:9', retry: false },
        name: 'offline',
        logger,
        signals: [],
        exit: (code) => exits.push(code),
      },
    );
    expect(await running.done).toBe(RUN_BOT_EXIT_CODES.failed);
    expect(exits).toEqual([1]);
    expect(called).toBe(false);
    expect(lines).toEqual([
      expect.stringMatching(/^error: The offline bot stopped: the Bot API at http:\/\/127\.0\.0\.1:9 is unreachable/),
    ]);
  });

  it('a bot that completes on its own stops the process with 0', async () => {
    const { logger, lines, exits } = recorder();
    const saved = process.env['TAMTAM_TOKEN'];
    delete process.env['TAMTAM_TOKEN'];
    try {
      const running = await runBot(() => EMPTY, {
        name: 'brief',
        logger,
        signals: [],
        exit: (code) => exits.push(code),
      });
      expect(await running.done).toBe(0);
      expect(exits).toEqual([0]);
      expect(lines).toContain("info: The brief bot's Observable completed: stopping.");
    } finally {
      if (saved !== undefined) process.env['TAMTAM_TOKEN'] = saved;
    }
  });
});
