/**
 * Child-process scripts for tests, bundled once with esbuild and run with plain `node`.
 * `node --import tsx script.ts` compiles the script and the library's sources at every start:
 * a second or more per child on a busy machine, paid by every test that spawns one. A bundle is
 * built once per test process (in about the time of one tsx start) and starts in a fraction.
 * Packages stay external (resolved from the repository's node_modules at run time, as tsx
 * would); the emulator's page assets are inlined, so the bundle never loads esbuild.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { pageAssetsPlugin } from '../../src/emulator/ui/page-plugin';

const root = resolve(import.meta.dirname, '../..');
/** Under the repository, so that `rxjs`, `ky`… resolve from its node_modules. */
const outDir = join(root, '.tmp', `node-scripts-${process.pid}`);
const bundles = new Map<string, { readonly built: Promise<string>; done: boolean }>();

/**
 * The path of a `.mjs` bundle of `script` (relative to the repository root, or absolute), to
 * run with `spawn(process.execPath, [path])`. Built once per test process and script (again if
 * a test file removed {@link nodeScriptDir} since: files share a worker's module graph).
 *
 * @example
 * const file = await nodeScript('test/node/fixtures/slow-bot.ts');
 * spawn(process.execPath, [file], { cwd: root });
 */
export function nodeScript(script: string): Promise<string> {
  const entry = resolve(root, script);
  const outfile = join(outDir, `${basename(entry).replace(/\.[cm]?ts$/, '')}.mjs`);
  const cached = bundles.get(entry);
  if (cached !== undefined && (!cached.done || existsSync(outfile))) return cached.built;
  mkdirSync(outDir, { recursive: true });
  const bundle = {
    done: false,
    built: build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      plugins: [pageAssetsPlugin()],
    }).then(() => {
      bundle.done = true;
      return outfile;
    }),
  };
  bundles.set(entry, bundle);
  return bundle.built;
}

/**
 * The folder the bundles are written to, to remove after the tests (`afterAll`).
 *
 * @example
 * afterAll(() => rmSync(nodeScriptDir, { recursive: true, force: true }));
 */
export const nodeScriptDir = outDir;
