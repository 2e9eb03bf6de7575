/**
 * The README's test-kit walkthrough and docs/production.md work as written: the counter bot and
 * its test file type-check (with their `./counter-bot.js` import) and the test file passes
 * when run by vitest on its own; the production page's code blocks type-check beside a
 * `bot.ts` that exports `myBot`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const workDir = join(root, '.tmp', `readme-snippets-${process.pid}`);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Package imports pointed at src/. */
function toSource(code: string): string {
  return code
    .replaceAll("from 'tamtam-rx/testing/emulator'", `from '${join(root, 'src/testing/entry-emulator')}'`)
    .replaceAll("from 'tamtam-rx/testing/marbles'", `from '${join(root, 'src/testing/entry-marbles')}'`)
    .replaceAll("from 'tamtam-rx/emulator'", `from '${join(root, 'src/emulator/index')}'`)
    .replaceAll("from 'tamtam-rx/node'", `from '${join(root, 'src/node/index')}'`)
    .replaceAll("from 'tamtam-rx/testing'", `from '${join(root, 'src/testing/index')}'`)
    .replaceAll("from 'tamtam-rx'", `from '${join(root, 'src/index')}'`);
}

/** Every ```ts block of a Markdown file. */
function tsBlocks(file: string): string[] {
  return [...readFileSync(join(root, file), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

/** The README block that starts with `// <name>`. */
function readmeFile(name: string): string {
  const block = tsBlocks('README.md').find((b) => b.startsWith(`// ${name}\n`));
  if (block === undefined) throw new Error(`README has no ts block starting with "// ${name}"`);
  return toSource(block);
}

async function typeCheck(name: string, files: string[]): Promise<void> {
  const tsconfig = join(workDir, `tsconfig.${name}.json`);
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(root, 'tsconfig.json'),
      include: files,
      compilerOptions: { module: 'esnext', target: 'es2022' },
    }),
  );
  await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', tsconfig], {
    cwd: root,
    timeout: 120_000,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`tsc failed:\n${error.stdout ?? ''}${error.stderr ?? ''}${String(error)}`);
  });
}

const counterDir = join(workDir, 'counter');
const productionDir = join(workDir, 'production');

/** Writes the README's counter bot and its test file; returns their paths. */
function writeCounter(): string[] {
  mkdirSync(counterDir, { recursive: true });
  const files = ['counter-bot.ts', 'counter-bot.test.ts'].map((name) => {
    writeFileSync(join(counterDir, name), readmeFile(name));
    return join(counterDir, name);
  });
  // the test file runs on its own, not through the repository's vitest config
  writeFileSync(join(counterDir, 'vitest.config.mjs'), "export default { test: { include: ['*.test.ts'] } };\n");
  return files;
}

/** Writes docs/production.md's code blocks and the `./bot.js` they import; returns their paths. */
function writeProduction(): string[] {
  mkdirSync(productionDir, { recursive: true });
  writeFileSync(
    join(productionDir, 'bot.ts'),
    toSource(
      "import type { Observable } from 'rxjs';\nimport { type Api, type Update, ofType } from 'tamtam-rx';\n" +
        "export const myBot = (_api: Api, updates$: Observable<Update>): Observable<unknown> => updates$.pipe(ofType('message_created'));\n",
    ),
  );
  const blocks = tsBlocks('docs/production.md');
  if (blocks.length < 3) throw new Error(`docs/production.md has ${blocks.length} ts blocks, expected at least 3`);
  return blocks.map((block, i) => {
    const file = join(productionDir, `block-${i}.mts`);
    writeFileSync(file, toSource(block));
    return file;
  });
}

describe('README test-kit walkthrough and docs/production.md', () => {
  const counterFiles = writeCounter();
  const productionFiles = writeProduction();

  it('type-check as written (the counter bot, its test file importing ./counter-bot.js, every block of the production page)', async () => {
    await typeCheck('snippets', [...counterFiles, ...productionFiles]);
  }, 130_000);

  it("the README's counter test file passes when vitest runs it", async () => {
    const { stdout } = await run(
      process.execPath,
      [
        join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--root',
        counterDir,
        '--config',
        join(counterDir, 'vitest.config.mjs'),
        '--reporter',
        'verbose',
      ],
      { cwd: counterDir, timeout: 90_000, env: { ...process.env, CI: '1', NO_COLOR: '1' } },
    );
    expect(stdout).toMatch(/✓ .*counts in place: each press edits the message/);
    expect(stdout).toMatch(/✓ .*counts on the emulator, pressed by Alice/);
    expect(stdout).toMatch(/Tests\s+2 passed \(2\)/);
  }, 100_000);
});
