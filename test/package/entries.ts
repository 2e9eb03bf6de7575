/**
 * The package's entries, apart from test/package/api-surface.ts so that the tests needing only
 * the list do not load the TypeScript compiler (a second or more) to get it.
 */

/** Package entries, as in tsup.config.ts and package.json `exports` (`index` is the root). */
export const ENTRIES = [
  'index',
  'node',
  'emulator',
  'testing',
  'testing/marbles',
  'testing/emulator',
  'redis',
] as const;

/** One entry of the package. */
export type EntryName = (typeof ENTRIES)[number];
