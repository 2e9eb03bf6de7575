/** Where the bundle goes (inside node_modules/.cache: ignored by git, found by Node's resolver). */
export declare const LIBRARY_BUNDLE: string;
/**
 * Builds the bundle and returns its path.
 *
 * @example
 * process.env.BENCH_LIBRARY = await buildLibrary();
 */
export declare function buildLibrary(): Promise<string>;
