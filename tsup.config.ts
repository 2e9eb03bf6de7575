import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, posix } from 'node:path';
import { defineConfig, type Options } from 'tsup';
import { pageAssetsPlugin } from './src/emulator/ui/page-plugin';

/**
 * Public entries; each becomes `dist/<name>.{js,cjs,d.ts,d.cts}` and one `exports` subpath of
 * package.json (`index` is the root). test/package/ checks the two lists agree.
 */
export const publicEntries = {
  index: 'src/index.ts',
  node: 'src/node/index.ts',
  emulator: 'src/emulator/index.ts',
  testing: 'src/testing/index.ts',
  'testing/marbles': 'src/testing/entry-marbles.ts',
  'testing/emulator': 'src/testing/entry-emulator.ts',
  redis: 'src/redis/index.ts',
};

/**
 * The declarations are generated once, for the CommonJS build (`dist/<entry>.d.cts`); each
 * `dist/<entry>.d.ts` (what `import` resolves) re-exports its `.d.cts` twin. The two builds have
 * the same surface (test/package/api-report.test.ts checks it), so this halves the declarations
 * in the package and the build's slowest step. An ES module may re-export a CommonJS
 * declaration file under `node16`/`nodenext`; the reverse (`.d.cts` re-exporting `.d.ts`) is an
 * error there, so the CommonJS side holds the text.
 */
async function writeEsmDeclarations(): Promise<void> {
  for (const entry of Object.keys(publicEntries)) {
    const file = `dist/${entry}.d.ts`;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `export * from './${posix.basename(entry)}.cjs';\n`);
  }
}

/** The `tamtam-emulator` command: ESM only (the package bin), no declarations. */
const cli = { 'emulator-cli': 'src/emulator/cli.ts' };

const shared: Options = {
  target: 'node20',
  platform: 'node',
  // No source maps (they would be over a third of the package; test/package pins the size
  // budget). Whitespace is minified by terser after the tree-shaking pass, keeping the
  // `/* @__PURE__ */` annotations (esbuild's minifyWhitespace drops them): without them an app's
  // bundler keeps every operation table, dialect and builder of a chunk it imports anything
  // from. `npm run build` then renames local variables with scripts/compact-dist.ts (annotations
  // kept), keeping every function and class name, so stack traces still name the library's
  // functions, classes and methods.
  sourcemap: false,
  treeshake: true,
  minifySyntax: true,
  minify: 'terser',
  terserOptions: { compress: false, mangle: false, format: { comments: false, preserve_annotations: true } },
  // The web chat page's script (src/emulator/ui/client) and its HTML shell with the stylesheet
  // are built and minified at build time into two files, dist/emulator-page.js and
  // dist/emulator-page.html, that the ESM and CJS builds both read (one copy in the package).
  esbuildPlugins: [pageAssetsPlugin({ name: 'emulator-page' })],
  // keep `node:` specifiers: Deno and Workers (nodejs_compat) resolve built-ins only by them
  removeNodeProtocol: false,
  splitting: true,
  clean: false,
};

/**
 * ESM keeps ky external (a runtime dependency resolved by Node). The CJS build bundles ky:
 * ky is ESM-only, and `require('ky')` from CJS fails on Node versions without require(esm)
 * (the `import_ky.default is not a function` trap). Peers (rxjs, and rxjs-marbles for the
 * test kit) stay external in both. Both formats split shared code into chunks, so every entry
 * sees the same classes (an error made by `tamtam-rx/testing` passes `isTamTamApiError`).
 */
export default defineConfig([
  {
    ...shared,
    entry: { ...publicEntries, ...cli },
    format: ['esm'],
    // declarations: see writeEsmDeclarations
    onSuccess: writeEsmDeclarations,
    external: ['rxjs', 'ky', 'rxjs-marbles', 'redis'],
  },
  {
    ...shared,
    entry: publicEntries,
    format: ['cjs'],
    dts: { entry: publicEntries },
    external: ['rxjs', 'rxjs-marbles', 'redis'],
    noExternal: ['ky'],
  },
]);
