/**
 * runBot end to end, in child processes (the fixture bundled once, run by node): the emulator's URLs are printed, SIGTERM and
 * SIGINT stop gracefully (a running handler finishes) with exit code 0, and fatal errors (a
 * 401, an unreachable API, a webhook in the way) are one readable paragraph and exit code 1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import { RUN_BOT_EXIT_CODES } from '../../src/node/index';
import { waitFor } from '../../src/testing/index';
import { nodeScript, nodeScriptDir } from '../helpers/node-script';

const root = fileURLToPath(new URL('../..', import.meta.url));
let fixture: string;
beforeAll(async () => {
  fixture = await nodeScript('test/node/fixtures/slow-bot.ts');
}, 60_000);
afterAll(() => rmSync(nodeScriptDir, { recursive: true, force: true }));
const children: ChildProcess[] = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

interface Started {
  readonly child: ChildProcess;
  /** Everything written so far, stdout and stderr interleaved. */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code; 'timeout' after 20 s. */
  exited(): Promise<number | null | 'timeout'>;
}

function start(env: Record<string, string | undefined>): Started {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  const child = spawn(process.execPath, [fixture], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let all = '';
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    all += chunk.toString();
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    all += chunk.toString();
    err += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => all,
    stdout: () => out,
    stderr: () => err,
    exited: () => Promise.race([exit, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000).unref())]),
  };
}

const onEmulator = {
  TAMTAM_TOKEN: undefined,
  TAMTAM_API_URL: undefined,
  TAMTAM_MARKER_FILE: undefined,
  TAMTAM_EMULATOR_PORT: undefined,
};

/** Waits for the printed addresses; returns the emulator's API URL. */
async function addresses(bot: Started): Promise<{ api: string; webChat: string }> {
  return waitFor(
    () => {
      if (!bot.output().includes('Press Ctrl-C')) return undefined;
      const api = /Bot API:\s+(http:\/\/\S+)/.exec(bot.output())?.[1];
      const webChat = /Web chat:\s+(http:\/\/\S+)/.exec(bot.output())?.[1];
      return api && webChat ? { api, webChat } : undefined;
    },
    { timeout: 25_000, interval: 50, what: `the printed URLs (output so far: ${JSON.stringify(bot.output())})` },
  );
}

/** A loopback "Bot API" answering every request with `answer(path)`. */
async function fakeApi(answer: (path: string) => { status: number; body: unknown }): Promise<string> {
  const server = createServer((req, res) => {
    const { status, body } = answer(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** No RxJS internals, no stack frames, no "unhandled" dump. */
function expectNoDump(text: string): void {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/rxjs|unhandled|node:internal/i);
}

describe('runBot without a token', () => {
  it('starts the embedded emulator and prints its API and web chat URLs', async () => {
    const bot = start(onEmulator);
    const { api, webChat } = await addresses(bot);
    expect(webChat).toBe(`${api}/_emulator/ui`);
    expect(bot.output()).toContain('is running on a local emulator (no TAMTAM_TOKEN set)');
    expect(bot.output()).toMatch(/Token:\s+emu-[0-9a-f]+/);
    expect(bot.output()).toContain(`Alice ${DEFAULT_WORLD_IDS.alice}`);
    const page = await fetch(webChat);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    await page.text();
  }, 40_000);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops gracefully on ${signal}: the running handler finishes, its reply is sent, exit code 0`, async () => {
      const bot = start({ ...onEmulator, HANDLER_MS: '1000' });
      const { api } = await addresses(bot);
      const send = await fetch(`${api}/_emulator/users/${DEFAULT_WORLD_IDS.alice}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'slow job' }),
      });
      expect(send.status).toBe(200);
      await waitFor(() => bot.stdout().includes('handler started: slow job'), {
        timeout: 10_000,
        interval: 20,
        what: 'the handler to start',
      });

      bot.child.kill(signal);
      expect(await bot.exited()).toBe(0);
      const out = bot.output();
      expect(out).toContain(`Received ${signal}: stopping the slow bot`);
      // the handler finished (its reply was sent) before the bot reported it stopped
      const finished = out.indexOf('handler finished: slow job');
      expect(finished).toBeGreaterThan(out.indexOf(`Received ${signal}`));
      expect(out.indexOf('The slow bot stopped.')).toBeGreaterThan(finished);
      expect(bot.stderr()).toBe('');
    }, 40_000);
  }
});

describe('runBot fatal errors: one readable paragraph, a non-zero exit code', () => {
  it('a 401 from the API names the bad token; exit code 78 (a configuration error: no restart helps)', async () => {
    const url = await fakeApi(() => ({ status: 401, body: { code: 'verify.token', message: 'Invalid access_token' } }));
    const bot = start({ ...onEmulator, TAMTAM_TOKEN: 'secret-bad-token-123', TAMTAM_API_URL: url });
    expect(await bot.exited()).toBe(RUN_BOT_EXIT_CODES.config);
    const lines = bot.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^The slow bot stopped: the Bot API at http:\/\/127\.0\.0\.1:\d+ rejected the token \(401 verify\.token: Invalid access_token\)\. Check the TAMTAM_TOKEN environment variable/,
    );
    expectNoDump(bot.output());
    expect(bot.output()).not.toContain('secret-bad-token-123');
  }, 40_000);

  it('an unreachable API says so and names the URL; exit code 1 (a restart may help)', async () => {
    const url = await fakeApi(() => ({ status: 200, body: {} }));
    await new Promise((resolve) => servers.pop()?.close(resolve)); // the port is now closed
    const bot = start({ ...onEmulator, TAMTAM_TOKEN: 'some-token', TAMTAM_API_URL: url, RUN_BOT_NO_RETRY: '1' });
    expect(await bot.exited()).toBe(1);
    const lines = bot.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`The slow bot stopped: the Bot API at ${url} is unreachable (TamTamNetworkError:`);
    expectNoDump(bot.output());
  }, 40_000);

  it('a webhook subscription in the way of long polling is named with its URL; exit code 78', async () => {
    const url = await fakeApi((path) =>
      path === '/me'
        ? { status: 200, body: { user_id: 1, name: 'Slow', username: 'slow_bot', is_bot: true, last_activity_time: 0 } }
        : path === '/subscriptions'
          ? {
              status: 200,
              body: {
                subscriptions: [{ url: 'https://bot.example.com/hook', time: 1, update_types: null, version: '0.5.6' }],
              },
            }
          : { status: 404, body: { code: 'not.found', message: 'no' } },
    );
    const bot = start({ ...onEmulator, TAMTAM_TOKEN: 'some-token', TAMTAM_API_URL: url });
    expect(await bot.exited()).toBe(RUN_BOT_EXIT_CODES.config);
    expect(bot.stderr()).toContain('a webhook subscription is in the way of long polling');
    expect(bot.stderr()).toContain('https://bot.example.com/hook');
    expectNoDump(bot.output());
  }, 40_000);
});
