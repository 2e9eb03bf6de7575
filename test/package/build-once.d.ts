/** The repository root. */
export declare const root: string;
/** The build output. */
export declare const dist: string;
/**
 * A hash of everything the build reads.
 *
 * @example
 * await inputsHash(); // 'c0ffee…'
 */
export declare function inputsHash(): Promise<string>;
/**
 * Resolves once `dist/` is a build of the current sources: builds it (`npm run build`) unless
 * an up-to-date build exists, while other test files wait on the lock.
 *
 * @example
 * beforeAll(() => ensureBuilt(), 600_000);
 */
export declare function ensureBuilt(): Promise<void>;
