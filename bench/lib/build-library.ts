/**
 * Builds the library for the benchmarks like the published ESM build: one esbuild bundle of
 * `src/index.ts`, rxjs and ky external, target node20, no minification.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the bundle goes (inside node_modules/.cache: ignored by git, found by Node's resolver). */
export const LIBRARY_BUNDLE = `${ROOT}node_modules/.cache/tamtam-rx-bench/tamtam-rx.js`;

/**
 * Builds the bundle and returns its path.
 *
 * @example
 * process.env.BENCH_LIBRARY = await buildLibrary();
 */
export async function buildLibrary(): Promise<string> {
  mkdirSync(new URL('./', `file://${LIBRARY_BUNDLE}`), { recursive: true });
  await build({
    entryPoints: [`${ROOT}src/index.ts`],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['rxjs', 'ky'],
    outfile: LIBRARY_BUNDLE,
    logLevel: 'warning',
  });
  return LIBRARY_BUNDLE;
}
