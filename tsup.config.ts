import { defineConfig, type Options } from 'tsup';
import { pageScriptPlugin } from './src/emulator/ui/page-bundle';

/** Public entries; each becomes `dist/<name>.{js,cjs,d.ts,d.cts}`. */
const entry = {
  index: 'src/index.ts',
  emulator: 'src/emulator/index.ts',
  testing: 'src/testing/index.ts',
  'emulator-cli': 'src/emulator/cli.ts',
};

const shared: Options = {
  entry,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  treeshake: true,
  // The web chat page's script (src/emulator/ui/client) is bundled and inlined at build time.
  esbuildPlugins: [pageScriptPlugin()],
};

/**
 * ESM keeps ky external (a runtime dependency resolved by Node). The CJS build bundles ky:
 * ky is ESM-only, and `require('ky')` from CJS fails on Node versions without require(esm)
 * (the `import_ky.default is not a function` trap). Peers (rxjs, and rxjs-marbles for the
 * test kit) stay external in both. Both formats split shared code into chunks, so every entry
 * sees the same classes (an error made by `tamtam-rx/testing` passes `isTamTamApiError`).
 */
export default defineConfig([
  { ...shared, format: ['esm'], dts: true, clean: false, splitting: true, external: ['rxjs', 'ky', 'rxjs-marbles'] },
  { ...shared, format: ['cjs'], dts: true, clean: false, splitting: true, external: ['rxjs', 'rxjs-marbles'], noExternal: ['ky'] },
]);
