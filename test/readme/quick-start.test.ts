/**
 * The README's Quick start, as written: it type-checks, and run without a token it prints the
 * emulator's web chat URL, greets Alice with a keyboard, answers her button and stops with
 * exit code 0 on SIGTERM. Driven from outside over the emulator's HTTP control routes, the
 * way a person in the web chat would.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import type { Message } from '../../src/index';
import { waitFor } from '../../src/testing/index';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const workDir = join(root, '.tmp', `readme-${process.pid}`);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** The README's package imports pointed at src/. */
function toSource(code: string): string {
  return code
    .replaceAll("from 'tamtam-rx/testing/emulator'", `from '${join(root, 'src/testing/entry-emulator')}'`)
    .replaceAll("from 'tamtam-rx/testing/marbles'", `from '${join(root, 'src/testing/entry-marbles')}'`)
    .replaceAll("from 'tamtam-rx/emulator'", `from '${join(root, 'src/emulator/index')}'`)
    .replaceAll("from 'tamtam-rx/node'", `from '${join(root, 'src/node/index')}'`)
    .replaceAll("from 'tamtam-rx/testing'", `from '${join(root, 'src/testing/index')}'`)
    .replaceAll("from 'tamtam-rx'", `from '${join(root, 'src/index')}'`);
}

/** The first ```ts block under "## Quick start" in the README. */
function quickStart(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error('README has no ts block under "## Quick start"');
  return toSource(match[1]);
}

async function control(url: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(
    `${url}/_emulator/${path}`,
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

describe('README quick start', () => {
  const file = join(workDir, 'quick-start.mts');
  mkdirSync(workDir, { recursive: true });
  writeFileSync(file, quickStart());

  // TypeScript 7 (the native compiler, `typescript7`): the same verdict as 5.9 in a fraction of the time
  it('type-checks as written', async () => {
    const tsconfig = join(workDir, 'tsconfig.quick-start.json');
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: join(root, 'tsconfig.json'),
        include: [file],
        compilerOptions: { module: 'esnext', target: 'es2022' },
      }),
    );
    await run(process.execPath, [join(root, 'node_modules/typescript7/bin/tsc'), '--noEmit', '-p', tsconfig], {
      cwd: root,
      timeout: 120_000,
    });
  }, 130_000);

  it('runs as written: prints the web chat URL, greets with a keyboard, answers the button, stops on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['TAMTAM_TOKEN', 'TAMTAM_API_URL', 'TAMTAM_MARKER_FILE', 'TAMTAM_EMULATOR_PORT'])
      delete env[name];
    const started = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let output = '';
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((r) => started.once('exit', (code) => r(code)));

    const webChat = await waitFor(
      () =>
        output.includes('Press Ctrl-C')
          ? /Web chat:\s+(http:\/\/127\.0\.0\.1:\d+)\/_emulator\/ui/.exec(output)?.[1]
          : undefined,
      {
        timeout: 25_000,
        interval: 50,
        what: `the printed web chat URL (output so far: ${JSON.stringify(output)})`,
      },
    );
    expect(output).toContain(`Bot API:   ${webChat}\n`);
    const page = await fetch(`${webChat}/_emulator/ui`);
    expect(page.status).toBe(200);
    await page.text();

    await control(webChat, `users/${DEFAULT_WORLD_IDS.alice}/send`, { text: '/start' });
    const [greeting] = await waitFor(
      async () => {
        const sent = (await control(
          webChat,
          `inspect/sent-messages?chat_id=${DEFAULT_WORLD_IDS.dialogWithAlice}`,
        )) as Message[];
        return sent.length > 0 ? sent : undefined;
      },
      { timeout: 10_000, interval: 50, what: 'the greeting' },
    );
    expect(greeting?.body.text).toBe('Hello, Alice Smith!');
    await control(webChat, `users/${DEFAULT_WORLD_IDS.alice}/press`, { messageId: greeting?.body.mid, text: '👎' });
    const answers = await waitFor(
      async () => {
        const all = (await control(webChat, 'inspect/callback-answers')) as { answer: { notification?: string } }[];
        return all.length > 0 ? all : undefined;
      },
      { timeout: 10_000, interval: 50, what: 'the answer to the button' },
    );
    expect(answers.map((a) => a.answer.notification)).toEqual(['You chose dislike']);

    started.kill('SIGTERM');
    expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000).unref())])).toBe(0);
    expect(output).toContain('The tamtam bot stopped.');
  }, 60_000);
});
