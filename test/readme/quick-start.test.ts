import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const workDir = join(root, '.tmp', `readme-${process.pid}`);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The first ```ts block under "## Quick start" in the README, imports pointed at src/. */
function quickStart(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error('README has no ts block under "## Quick start"');
  return match[1]
    .replaceAll("from 'tamtam-rx/emulator'", `from '${join(root, 'src/emulator/index')}'`)
    .replaceAll("from 'tamtam-rx'", `from '${join(root, 'src/index')}'`);
}

/** Appended to the snippet: plays Alice, then prints what the bot did. */
const driver = `
// ---- test driver (not part of the README) ----
{
  const { DEFAULT_WORLD_IDS } = await import('${join(root, 'src/emulator/index')}');
  const until = async (ok: () => boolean) => { for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10)); };
  const alice = emulator!.actAs(DEFAULT_WORLD_IDS.alice);
  alice.sendToBot('/start');
  await until(() => emulator!.inspect.sentMessages().length === 1);
  const [greeting] = emulator!.inspect.sentMessages();
  alice.pressButton(greeting!.body.mid, '👎');
  await until(() => emulator!.inspect.callbackAnswers().length === 1);
  console.log(JSON.stringify({ text: greeting!.body.text, answers: emulator!.inspect.callbackAnswers().map((a) => a.answer.notification) }));
  await updates$.stop();
  await emulator!.close();
}
`;

describe('README quick start', () => {
  const file = join(workDir, 'quick-start.mts');
  mkdirSync(workDir, { recursive: true });
  writeFileSync(file, quickStart() + driver);

  // TypeScript 7 (the native compiler, `typescript7`): the same verdict as 5.9 in a fraction of the time
  it('type-checks as written', async () => {
    const tsconfig = join(workDir, 'tsconfig.json');
    writeFileSync(tsconfig, JSON.stringify({ extends: join(root, 'tsconfig.json'), include: [file], compilerOptions: { module: 'esnext', target: 'es2022' } }));
    await run(process.execPath, [join(root, 'node_modules/typescript7/bin/tsc'), '--noEmit', '-p', tsconfig], { cwd: root, timeout: 120_000 });
  }, 130_000);

  it('runs as written against the emulator: greets with a keyboard and answers the button', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', file], { cwd: root, timeout: 30_000, env: { ...process.env, TAMTAM_TOKEN: '' } });
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
    expect(result).toEqual({ text: 'Hello, Alice Smith!', answers: ['You chose dislike'] });
  }, 40_000);
});
