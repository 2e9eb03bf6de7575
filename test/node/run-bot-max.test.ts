/**
 * runBot on Max: the `dialect` option, `MAX_TOKEN`, `TAMTAM_RX_DIALECT`; without a token the
 * embedded emulator speaks Max (header-only auth, a query token is 403).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS, startEmulator } from '../../src/emulator/index';
import { MAX_DIALECT, ofType, perChat, reply } from '../../src/index';
import { RUN_BOT_ENV, RUN_BOT_EXIT_CODES, type RunBotLogger, type RunnableBot, runBot } from '../../src/node/index';
import { waitFor } from '../../src/testing/index';

function recorder(): { logger: RunBotLogger; lines: string[]; exits: number[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { logger: { info: at('info'), warn: at('warn'), error: at('error') }, lines, exits: [] };
}

const ENV_NAMES = [
  RUN_BOT_ENV.token,
  RUN_BOT_ENV.maxToken,
  RUN_BOT_ENV.dialect,
  RUN_BOT_ENV.baseUrl,
  RUN_BOT_ENV.markerFile,
];
let saved: Record<string, string | undefined> = {};
beforeEach(() => {
  saved = Object.fromEntries(ENV_NAMES.map((n) => [n, process.env[n]]));
  for (const n of ENV_NAMES) delete process.env[n];
});
afterEach(() => {
  for (const n of ENV_NAMES) {
    const v = saved[n];
    if (v === undefined) delete process.env[n];
    else process.env[n] = v;
  }
});

/** A bot written for Max: `RunnableBot<'max'>` gets an `Api<MaxOperations>` and Max updates. */
const pongMax: RunnableBot<'max'> = (api, updates$) =>
  updates$.pipe(
    ofType('message_created'),
    perChat((u) => reply(api, u, { text: `pong ${u.message.sender?.name ?? '?'}` })),
  );

describe('runBot on Max', () => {
  it("dialect: 'max' without a token: a Max emulator, its URLs printed, header auth works, a query token is 403, the bot answers", async () => {
    const { logger, lines, exits } = recorder();
    const running = await runBot(pongMax, {
      dialect: 'max',
      name: 'maxbot',
      logger,
      signals: [],
      exit: (c) => exits.push(c),
    });
    try {
      expect(running.dialect).toBe('max');
      expect(running.emulator?.dialect).toBe('max');
      expect(
        lines.some((l) =>
          /^info: The maxbot bot \(.+\) is running on a local Max emulator \(no MAX_TOKEN set\)\.$/.test(l),
        ),
      ).toBe(true);
      expect(lines).toContain(`info:   Web chat:  ${running.webChatUrl}   (open it in a browser to talk to the bot)`);
      expect(lines).toContain(`info:   Bot API:   ${running.emulator?.url}`);
      expect(running.api.dialect).toBe(MAX_DIALECT);

      const url = running.emulator?.url ?? '';
      const token = running.emulator?.token ?? '';
      const me = await fetch(`${url}/me`, { headers: { Authorization: token } });
      expect(me.status).toBe(200);
      const byQuery = await fetch(`${url}/me?access_token=${encodeURIComponent(token)}`);
      expect(byQuery.status).toBe(403);

      running.emulator?.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('ping');
      await waitFor(() => running.emulator?.inspect.sentMessages().some((m) => m.body.text?.startsWith('pong ')), {
        what: 'the reply',
      });
    } finally {
      expect(await running.stop()).toBe(RUN_BOT_EXIT_CODES.stopped);
    }
    expect(exits).toEqual([0]);
  });

  it('TAMTAM_RX_DIALECT=max picks Max for a bot written once (the default TamTam-typed bot)', async () => {
    process.env[RUN_BOT_ENV.dialect] = 'max';
    const { logger, lines, exits } = recorder();
    const running = await runBot(
      (api, updates$) =>
        updates$.pipe(
          ofType('message_created'),
          perChat((u) => reply(api, u, { text: 'hi' })),
        ),
      {
        logger,
        signals: [],
        exit: (c) => exits.push(c),
      },
    );
    try {
      expect(running.dialect).toBe('max');
      expect(running.api.dialect).toBe(MAX_DIALECT);
      expect(lines.some((l) => l.includes('local Max emulator (no MAX_TOKEN set)'))).toBe(true);
      running.emulator?.actAs(DEFAULT_WORLD_IDS.bob).sendToBot('hello');
      await waitFor(() => running.emulator?.inspect.sentMessages().some((m) => m.body.text === 'hi'), {
        what: 'the reply',
      });
    } finally {
      await running.stop();
    }
  });

  it('MAX_TOKEN set: runs on Max with that token against the given API, no embedded emulator', async () => {
    const emulator = await startEmulator({ dialect: 'max' });
    try {
      process.env[RUN_BOT_ENV.maxToken] = emulator.token;
      process.env[RUN_BOT_ENV.baseUrl] = emulator.url;
      const { logger, lines, exits } = recorder();
      const running = await runBot(pongMax, { logger, signals: [], exit: (c) => exits.push(c) });
      try {
        expect(running.dialect).toBe('max');
        expect(running.emulator).toBeUndefined();
        expect(running.api.baseUrl).toBe(emulator.url);
        expect(lines.some((l) => l.includes(`is running on ${emulator.url}`))).toBe(true);
        emulator.actAs(DEFAULT_WORLD_IDS.carol).sendToBot('ping');
        await waitFor(() => emulator.inspect.sentMessages().some((m) => m.body.text?.startsWith('pong ')), {
          what: 'the reply',
        });
      } finally {
        expect(await running.stop()).toBe(0);
      }
    } finally {
      await emulator.close();
    }
  });

  it('an unknown TAMTAM_RX_DIALECT is one readable report and a non-zero exit, never a rejection', async () => {
    process.env[RUN_BOT_ENV.dialect] = 'icq';
    const { logger, lines, exits } = recorder();
    const running = await runBot(pongMax as RunnableBot<never>, { logger, signals: [], exit: (c) => exits.push(c) });
    expect(await running.done).not.toBe(0);
    expect(exits).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('error: ') && l.includes('TAMTAM_RX_DIALECT="icq" is not a dialect'))).toBe(
      true,
    );
  });
});
