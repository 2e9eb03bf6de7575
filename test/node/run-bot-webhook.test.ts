/**
 * runBot's webhook mode: listens, subscribes, acknowledges once handled, stops cleanly; on the
 * embedded emulator (no token) and against a separate server with a token, on both dialects.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS, startEmulator } from '../../src/emulator/index';
import { ofType, perChat, reply } from '../../src/index';
import { RUN_BOT_ENV, RUN_BOT_EXIT_CODES, type RunBotLogger, runBot } from '../../src/node/index';
import { waitFor } from '../../src/testing/index';
import { freePort } from '../../examples/shared/free-port';

function recorder(): { logger: RunBotLogger; lines: string[]; exits: number[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { logger: { info: at('info'), warn: at('warn'), error: at('error') }, lines, exits: [] };
}

/** Runs `body` with the runBot variables unset, restoring them after. */
async function withCleanEnv<T>(body: () => Promise<T>): Promise<T> {
  const names = Object.values(RUN_BOT_ENV);
  const saved = names.map((name) => [name, process.env[name]] as const);
  for (const name of names) delete process.env[name];
  try {
    return await body();
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

const pong = (
  api: Parameters<Parameters<typeof runBot>[0]>[0],
  updates$: Parameters<Parameters<typeof runBot>[0]>[1],
) =>
  updates$.pipe(
    ofType('message_created'),
    perChat((u) => reply(api, u, { text: `pong: ${u.message.body.text ?? ''}` })),
  );

describe('runBot with a webhook', () => {
  it.each(['tamtam', 'max'] as const)(
    'on the embedded %s emulator: subscribes its loopback URL, answers, stops with 0 and closes the server',
    async (dialect) =>
      withCleanEnv(async () => {
        const { logger, lines, exits } = recorder();
        const running = await runBot(pong, { dialect, webhook: true, logger, signals: [], exit: (c) => exits.push(c) });
        const emulator = running.emulator;
        if (emulator === undefined) throw new Error('expected the embedded emulator');
        const subscriptions = emulator.webhooks.list();
        expect(subscriptions).toHaveLength(1);
        const hookUrl = subscriptions[0]?.url ?? '';
        expect(hookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
        expect(lines.some((l) => l.includes(`Updates:   a webhook (${hookUrl}`))).toBe(true);

        emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('ping');
        await waitFor(() => emulator.inspect.sentMessages().some((m) => m.body.text === 'pong: ping'), {
          what: 'the reply through the webhook',
        });

        expect(await running.stop()).toBe(RUN_BOT_EXIT_CODES.stopped);
        expect(exits).toEqual([0]);
        await expect(fetch(hookUrl, { method: 'POST', body: '{}' })).rejects.toThrow();
      }),
  );

  it('with a token and a public URL: subscribes it with the secret, refuses requests without it, and warns about nothing', async () =>
    withCleanEnv(async () => {
      const emulator = await startEmulator({ dialect: 'max' });
      try {
        const { logger, lines, exits } = recorder();
        const port = await freePort();
        const url = `http://127.0.0.1:${port}/max-hook`;
        const running = await runBot(pong, {
          dialect: 'max',
          token: emulator.token,
          api: { baseUrl: emulator.url, rateLimit: false },
          webhook: { url, port, host: '127.0.0.1', secret: 'a-secret_123' },
          logger,
          signals: [],
          exit: (c) => exits.push(c),
        });
        expect(emulator.webhooks.list().map((s) => s.url)).toEqual([url]);
        expect(lines.some((l) => l.includes(`receiving updates by a webhook (${url}`))).toBe(true);
        expect(lines.filter((l) => l.startsWith('warn: '))).toEqual([]);

        emulator.actAs(DEFAULT_WORLD_IDS.bob).sendToBot('hi');
        await waitFor(() => emulator.inspect.sentMessages().some((m) => m.body.text === 'pong: hi'), {
          what: 'the reply through the webhook',
        });

        // a forged request without the secret header is refused and reported
        const forged = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        expect(forged.status).toBe(401);
        await waitFor(() => lines.some((l) => l.startsWith('warn: Webhook refused a request: 401')), {
          what: 'the refusal logged',
        });

        expect(await running.stop()).toBe(0);
        expect(exits).toEqual([0]);
        // the subscription stays: the server keeps updates for the next start
        expect(emulator.webhooks.list().map((s) => s.url)).toEqual([url]);
      } finally {
        await emulator.close();
      }
    }));

  it('on TamTam (no secret header), the secret rides in the URL: <url>/<secret> is subscribed and served', async () =>
    withCleanEnv(async () => {
      const emulator = await startEmulator();
      try {
        const { logger, lines } = recorder();
        const port = await freePort();
        const url = `http://127.0.0.1:${port}/tt-hook`;
        const running = await runBot(pong, {
          token: emulator.token,
          api: { baseUrl: emulator.url },
          webhook: { url, port, host: '127.0.0.1', secret: 'path-secret' },
          logger,
          signals: [],
          exit: () => {},
        });
        expect(emulator.webhooks.list().map((s) => s.url)).toEqual([`${url}/path-secret`]);
        emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('tt');
        await waitFor(() => emulator.inspect.sentMessages().some((m) => m.body.text === 'pong: tt'), {
          what: 'the reply through the webhook',
        });
        const forged = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        expect(forged.status).toBe(401);
        expect(await running.stop()).toBe(0);
        // the log says where updates arrive, without the secret riding in the URL
        expect(lines.some((l) => l.includes(`a webhook (${url}/***, listening on`))).toBe(true);
        expect(lines.filter((l) => l.includes('path-secret'))).toEqual([]);
      } finally {
        await emulator.close();
      }
    }));

  it.each([
    ['ftp://bot.example.com/hook', undefined],
    ['not a url', undefined],
    ['ftp://bot.example.com/hook', '/hook'],
  ])('refuses the webhook URL %j (path %s) naming it as given, never with the secret appended', async (url, path) =>
    withCleanEnv(async () => {
      const emulator = await startEmulator();
      try {
        const { logger, lines } = recorder();
        const exits: number[] = [];
        await runBot(pong, {
          token: emulator.token,
          api: { baseUrl: emulator.url },
          webhook: { url, ...(path === undefined ? {} : { path }), port: 0, host: '127.0.0.1', secret: 'url-secret' },
          logger,
          signals: [],
          exit: (code) => void exits.push(code),
        }).catch(() => undefined);
        await waitFor(() => exits.length > 0, { what: 'the exit' });
        const report = lines.filter((l) => l.startsWith('error:')).join('\n');
        expect(report).toContain(`the webhook URL ${JSON.stringify(url)} is not an absolute http(s) URL`);
        expect(lines.filter((l) => l.includes('url-secret'))).toEqual([]);
        expect(emulator.webhooks.list()).toEqual([]);
      } finally {
        await emulator.close();
      }
    }),
  );

  it('TAMTAM_WEBHOOK_URL turns the webhook on; without a secret runBot warns', async () =>
    withCleanEnv(async () => {
      const emulator = await startEmulator();
      try {
        const { logger, lines } = recorder();
        const port = await freePort();
        process.env[RUN_BOT_ENV.webhookUrl] = `http://127.0.0.1:${port}/env-hook`;
        process.env[RUN_BOT_ENV.webhookPort] = String(port);
        const running = await runBot(pong, {
          token: emulator.token,
          api: { baseUrl: emulator.url },
          logger,
          signals: [],
          exit: () => {},
        });
        expect(emulator.webhooks.list().map((s) => s.url)).toEqual([`http://127.0.0.1:${port}/env-hook`]);
        expect(lines.some((l) => l.startsWith('warn: The webhook has no secret'))).toBe(true);
        emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('env');
        await waitFor(() => emulator.inspect.sentMessages().some((m) => m.body.text === 'pong: env'), {
          what: 'the reply through the webhook',
        });
        expect(await running.stop()).toBe(0);
      } finally {
        await emulator.close();
      }
    }));

  it('with a token but no public URL: one readable report and a non-zero exit, no server left listening', async () =>
    withCleanEnv(async () => {
      const emulator = await startEmulator();
      try {
        const { logger, lines, exits } = recorder();
        const running = await runBot(pong, {
          token: emulator.token,
          api: { baseUrl: emulator.url },
          webhook: { port: 0 },
          logger,
          signals: [],
          exit: (c) => exits.push(c),
        });
        expect(await running.done).not.toBe(0);
        expect(exits).toHaveLength(1);
        const errors = lines.filter((l) => l.startsWith('error: '));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toContain('TAMTAM_WEBHOOK_URL');
        expect(emulator.webhooks.list()).toEqual([]);
      } finally {
        await emulator.close();
      }
    }));
});
