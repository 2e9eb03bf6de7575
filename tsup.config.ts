import { defineConfig, type Options } from 'tsup';

/** Public entries; each becomes `dist/<name>.{js,cjs,d.ts,d.cts}`. */
const entry = {
  index: 'src/index.ts',
  emulator: 'src/emulator/index.ts',
  'emulator-cli': 'src/emulator/cli.ts',
};

const shared: Options = {
  entry,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  treeshake: true,
};

/**
 * ESM keeps ky external (a runtime dependency resolved by Node). The CJS build bundles ky:
 * ky is ESM-only, and `require('ky')` from CJS fails on Node versions without require(esm)
 * (the `import_ky.default is not a function` trap). rxjs, a peer, stays external in both.
 */
export default defineConfig([
  { ...shared, format: ['esm'], dts: true, clean: false, splitting: true, external: ['rxjs', 'ky'] },
  { ...shared, format: ['cjs'], dts: true, clean: false, splitting: false, external: ['rxjs'], noExternal: ['ky'] },
]);
