/** Package entries, as in tsup.config.ts and package.json `exports` (`index` is the root). */
export declare const ENTRIES: readonly ["index", "node", "emulator", "testing", "testing/marbles", "testing/emulator", "redis"];
/** One entry of the package. */
export type EntryName = (typeof ENTRIES)[number];
/** Where the committed reports live. */
export declare const reportDir: string;
/**
 * The report file of `entry`: `api-report/index.api.d.ts`, `api-report/testing-marbles.api.d.ts`…
 *
 * @example
 * reportFile('testing/marbles'); // …/api-report/testing-marbles.api.d.ts
 */
export declare function reportFile(entry: EntryName): string;
/**
 * The reports of every entry, built from the declaration files in `distDir` (`.d.ts`, or
 * `.d.cts` with `flavour: 'cjs'`).
 *
 * @example
 * const reports = apiReports(resolve('dist'));
 * console.log(reports.get('index'));
 */
export declare function apiReports(distDir: string, flavour?: 'esm' | 'cjs'): Map<EntryName, string>;
