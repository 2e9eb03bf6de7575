/**
 * `npm start` end to end: the demo starts an emulator, prints where it is, answers a user,
 * and exits 0 on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import type { Message } from '../../src/index';
import { waitFor } from '../../src/testing/index';
import { nodeScript, nodeScriptDir } from '../../test/helpers/node-script';

const root = fileURLToPath(new URL('../..', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(() => rmSync(nodeScriptDir, { recursive: true, force: true }));

it('starts the emulator and the demo bot, replies to a user, and stops cleanly on SIGTERM', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, TAMTAM_EMULATOR_PORT: '0' };
  delete env['TAMTAM_TOKEN'];
  delete env['TAMTAM_MARKER_FILE'];
  delete env['TAMTAM_API_URL'];
  const started = spawn(process.execPath, ['--import', 'tsx', 'examples/demo/start.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  let output = '';
  started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));

  const url = await waitFor(
    () => (output.includes('Press Ctrl-C') ? /Bot API:\s+(http:\/\/\S+)/.exec(output)?.[1] : undefined),
    {
      timeout: 25_000,
      interval: 50,
      what: `the printed emulator URL (output so far: ${JSON.stringify(output)})`,
    },
  );
  expect(output).toContain(`Web chat:  ${url}/_emulator/ui`);
  expect(output).toMatch(/Token:\s+emu-[0-9a-f]+/);
  expect(output).toContain(`Alice ${DEFAULT_WORLD_IDS.alice}`);

  const send = await fetch(`${url}/_emulator/users/${DEFAULT_WORLD_IDS.alice}/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: '/start' }),
  });
  expect(send.status).toBe(200);

  const replies = await waitFor(
    async () => {
      const res = await fetch(`${url}/_emulator/inspect/sent-messages?chat_id=${DEFAULT_WORLD_IDS.dialogWithAlice}`);
      const sent = (await res.json()) as Message[];
      return sent.length > 0 ? sent : undefined;
    },
    { timeout: 10_000, interval: 50, what: "the demo bot's reply to /start" },
  );
  expect(replies.map((m) => m.body.text)).toEqual(['Hello, Alice Smith! I answer common questions. Pick a topic:']);
  expect(replies[0]?.body.markup).toEqual([{ type: 'strong', from: 7, length: 11 }]);

  started.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
  expect(code).toBe(0);
  expect(output).toContain('Received SIGTERM: stopping the demo bot');
  expect(output).toContain('The demo bot stopped.');
}, 60_000);

it('TAMTAM_RX_DIALECT=max npm start: a Max emulator (header auth only), the same demo bot answers', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, TAMTAM_EMULATOR_PORT: '0', TAMTAM_RX_DIALECT: 'max' };
  for (const name of ['TAMTAM_TOKEN', 'MAX_TOKEN', 'TAMTAM_MARKER_FILE', 'TAMTAM_API_URL']) delete env[name];
  // the same script bundled (the test above runs it through tsx, as `npm start` does): a tsx
  // start costs seconds on a busy machine
  const script = await nodeScript('examples/demo/start.ts');
  const started = spawn(process.execPath, [script], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  let output = '';
  started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));

  const url = await waitFor(
    () => (output.includes('Press Ctrl-C') ? /Bot API:\s+(http:\/\/\S+)/.exec(output)?.[1] : undefined),
    { timeout: 25_000, interval: 50, what: `the printed emulator URL (output so far: ${JSON.stringify(output)})` },
  );
  expect(output).toContain('running on a local Max emulator (no MAX_TOKEN set)');
  expect(output).toContain(`Web chat:  ${url}/_emulator/ui`);
  const token = /Token:\s+(\S+)/.exec(output)?.[1] ?? '';
  expect((await fetch(`${url}/me`, { headers: { Authorization: token } })).status).toBe(200);
  expect((await fetch(`${url}/me?access_token=${encodeURIComponent(token)}`)).status).toBe(403);

  const send = await fetch(`${url}/_emulator/users/${DEFAULT_WORLD_IDS.alice}/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: '/start' }),
  });
  expect(send.status).toBe(200);
  const replies = await waitFor(
    async () => {
      const res = await fetch(`${url}/_emulator/inspect/sent-messages?chat_id=${DEFAULT_WORLD_IDS.dialogWithAlice}`);
      const sent = (await res.json()) as Message[];
      return sent.length > 0 ? sent : undefined;
    },
    { timeout: 10_000, interval: 50, what: "the demo bot's reply to /start on Max" },
  );
  // on Max the greeting uses the user's first_name (Max deprecated `name`)
  expect(replies.map((m) => m.body.text)).toEqual(['Hello, Alice! I answer common questions. Pick a topic:']);

  started.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
  expect(code).toBe(0);
  expect(output).toContain('The demo bot stopped.');
}, 60_000);
