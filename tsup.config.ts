import { defineConfig } from 'tsup';

/**
 * ESM + CJS + declarations for every public entry. ky is bundled into neither output:
 * it is a runtime dependency, resolved by Node. rxjs is a peer dependency.
 */
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  splitting: true,
  treeshake: true,
  external: ['rxjs', 'ky'],
});
