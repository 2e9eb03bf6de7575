/**
 * The library under test. `bench/run.ts` builds `src/index.ts` the way the package is built
 * (esbuild, ESM, rxjs and ky external, no name-keeping helpers) and passes the file in
 * `BENCH_LIBRARY`, so workloads measure what users install rather than tsx's on-the-fly
 * transform of the sources. Without `BENCH_LIBRARY` (smoke tests) the sources are used.
 */
import type * as Library from '../../src/index';
/**
 * The tamtam-rx entry module: the built bundle when `BENCH_LIBRARY` names one, else `src/index.ts`.
 *
 * @example
 * const { createApi, fromLongPolling, ofType } = lib;
 */
export declare const lib: typeof Library;
/**
 * Where `lib` came from, for the results' config.
 *
 * @example
 * console.log(librarySource); // 'build: node_modules/.cache/tamtam-rx-bench/tamtam-rx.js'
 */
export declare const librarySource: string;
