/**
 * Builds what the benchmarks load, once per `npm run bench` (every workload's child process
 * reuses it): the library like the published ESM build (one esbuild bundle of `src/index.ts`,
 * rxjs and ky external, target node20, no minification) and the emulator host, bundled so
 * that it starts without tsx compiling the emulator's sources again in every workload.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Inside node_modules/.cache: ignored by git, and Node's resolver finds rxjs, ky and the rest from there. */
const CACHE = `${ROOT}node_modules/.cache/tamtam-rx-bench/`;

/** Where the library bundle goes. */
export const LIBRARY_BUNDLE = `${CACHE}tamtam-rx.js`;

/** Where the emulator host bundle goes (see `emulator-host.ts`). */
export const EMULATOR_HOST_BUNDLE = `${CACHE}emulator-host.js`;

/**
 * Builds the library bundle and returns its path.
 *
 * @example
 * process.env.BENCH_LIBRARY = await buildLibrary();
 */
export async function buildLibrary(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
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

/**
 * Bundles `bench/lib/emulator-host.ts` with the emulator's sources (packages stay external:
 * esbuild itself is only loaded if a page of the web chat is asked for) and returns its path.
 *
 * @example
 * process.env.BENCH_EMULATOR_HOST = await buildEmulatorHost();
 */
export async function buildEmulatorHost(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  await build({
    entryPoints: [`${ROOT}bench/lib/emulator-host.ts`],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile: EMULATOR_HOST_BUNDLE,
    logLevel: 'warning',
  });
  return EMULATOR_HOST_BUNDLE;
}
