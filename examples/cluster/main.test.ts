/**
 * The cluster example end to end: one command starts Redis, an emulator, the ingress and the
 * workers; a user's messages are answered by the workers; SIGTERM stops it all cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import type { Message } from '../../src/index';
import { waitFor } from '../../src/testing/index';

const root = fileURLToPath(new URL('../..', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

it('starts Redis, the emulator, an ingress and two workers; the workers answer; SIGTERM stops it all', async () => {
  const started = spawn(process.execPath, ['--import', 'tsx', 'examples/cluster/main.ts'], {
    cwd: root,
    env: { ...process.env, WORKERS: '2' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  let output = '';
  started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));

  const url = await waitFor(
    () => (output.includes('Press Ctrl-C') ? /Bot API:\s+(http:\/\/\S+)/.exec(output)?.[1] : undefined),
    { timeout: 60_000, interval: 100, what: `the cluster to be ready (output so far: ${JSON.stringify(output)})` },
  );
  expect(output).toContain('Cluster of 1 ingress + 2 workers ready');

  for (const text of ['one', 'two', 'three']) {
    const send = await fetch(`${url}/_emulator/users/${DEFAULT_WORLD_IDS.alice}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    expect(send.status).toBe(200);
  }
  const replies = await waitFor(
    async () => {
      const res = await fetch(`${url}/_emulator/inspect/sent-messages?chat_id=${DEFAULT_WORLD_IDS.dialogWithAlice}`);
      const sent = (await res.json()) as Message[];
      return sent.length >= 3 ? sent : undefined;
    },
    { timeout: 20_000, interval: 100, what: 'the workers’ replies' },
  );
  // one chat, so one partition, so one worker, in order
  const texts = replies.map((m) => m.body.text ?? '');
  expect(texts.map((t) => t.replace(/^w\d /, ''))).toEqual(['handled: one', 'handled: two', 'handled: three']);
  expect(new Set(texts.map((t) => t.split(' ')[0])).size).toBe(1);

  started.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000))]);
  expect(code).toBe(0);
  expect(output).toContain('The cluster stopped.');
}, 120_000);
