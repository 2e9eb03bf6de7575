/**
 * The package build's plugin for the web chat page: puts the finished page assets (see
 * `page-bundle.ts`) in place of `page-assets.ts`, as strings in the code or as files beside the
 * output. Never imported by the built package.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';
import type { PageAssets } from './page-assets';
import { buildPageAssets, PAGE_ENTRY } from './page-bundle';

/** The module the plugin replaces (matched by path, either separator). */
const PAGE_ASSETS_MODULE = /[\\/]emulator[\\/]ui[\\/]page-assets\.ts$/;

/**
 * The module that stands in for `page-assets.ts` with the assets as strings.
 *
 * @example
 * pageAssetsModule({ script: '(() => {})();', shell: '<!doctype html>…' });
 * // export function loadPageAssets() { return Promise.resolve({ script: "(() => {})();", … }); }
 */
export function pageAssetsModule(assets: PageAssets): string {
  const value = JSON.stringify({ script: assets.script, shell: assets.shell });
  return `/** The web chat page's assets, built at build time. */\nconst PAGE_ASSETS = ${value};\nexport function loadPageAssets() { return Promise.resolve(PAGE_ASSETS); }\n`;
}

/** The files of the assets, for a base name: `<name>.js` (the script) and `<name>.html` (the shell). */
function assetFiles(name: string): { script: string; shell: string } {
  return { script: `${name}.js`, shell: `${name}.html` };
}

/**
 * The module that stands in for `page-assets.ts` when the assets are files beside the output
 * (`<name>.js`, `<name>.html`): read once, at the first page request, relative to the output
 * file (`import.meta.url` in ESM, `__dirname` in CommonJS). Loads no Node built-in until called.
 *
 * @example
 * pageAssetsFileModule('emulator-page', 'esm');
 */
export function pageAssetsFileModule(name: string, format: 'esm' | 'cjs'): string {
  const files = assetFiles(name);
  const where = (file: string) =>
    format === 'esm'
      ? `new URL(${JSON.stringify(`./${file}`)}, import.meta.url)`
      : `join(__dirname, ${JSON.stringify(file)})`;
  return `/** The web chat page's assets, built at build time into ${files.script} and ${files.shell} beside this file. */
let assets;
export function loadPageAssets() {
  assets ??= (async () => {
    const { readFile } = await import('node:fs/promises');
    ${format === 'cjs' ? "const { join } = await import('node:path');" : ''}
    const [script, shell] = await Promise.all([readFile(${where(files.script)}, 'utf8'), readFile(${where(files.shell)}, 'utf8')]);
    return { script, shell };
  })();
  return assets;
}
`;
}

/** Options of {@link pageAssetsPlugin}. */
export interface PageAssetsPluginOptions {
  /**
   * Write the assets to files of this base name in the build's output folder (`outdir`, or the
   * folder of `outfile`): `<name>.js`, the script, and `<name>.html`, the shell with the
   * stylesheet. They are read from there at run time, instead of inlined as strings: builds
   * that share an output folder (the package's ESM and CJS builds) then ship one copy. The
   * plugin writes the files itself (tsup builds with `write: false` and writes the rest); the
   * build needs an `outdir` or `outfile` to say where.
   *
   * @default undefined (inline)
   */
  readonly name?: string;
}

/** Writes `text` to `target`: a private copy renamed over it, as builds (ESM, CJS) may write it at once. */
async function writeAtomically(target: string, text: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, target);
}

/**
 * An esbuild plugin (tsup `esbuildPlugins`) that builds the page assets once per build and puts
 * them in place of `src/emulator/ui/page-assets.ts`: inlined as strings, or written to files
 * named by `options.name` in the output folder.
 *
 * @example
 * // tsup.config.ts
 * export default defineConfig({ entry, esbuildPlugins: [pageAssetsPlugin({ name: 'emulator-page' })] });
 */
export function pageAssetsPlugin(options: PageAssetsPluginOptions = {}, entry: string = PAGE_ENTRY): Plugin {
  const { name } = options;
  return {
    name: 'tamtam-rx-page-assets',
    setup(pluginBuild) {
      const { outdir, outfile, format } = pluginBuild.initialOptions;
      const folder = outdir ?? (outfile === undefined ? undefined : dirname(outfile));
      if (name !== undefined && folder === undefined) {
        throw new TypeError(
          'pageAssetsPlugin({ name }) writes the page assets beside the output: give the build an outdir or outfile, or drop `name` to inline them',
        );
      }
      let built: ReturnType<typeof buildPageAssets> | undefined;
      pluginBuild.onStart(() => {
        built = undefined;
      });
      pluginBuild.onLoad({ filter: PAGE_ASSETS_MODULE }, async (args) => {
        built ??= buildPageAssets(entry);
        const assets = await built;
        const watchFiles = [args.path, ...assets.inputs];
        if (name === undefined || folder === undefined) {
          return { contents: pageAssetsModule(assets), loader: 'js', watchFiles };
        }
        const files = assetFiles(name);
        await Promise.all([
          writeAtomically(join(folder, files.script), assets.script),
          writeAtomically(join(folder, files.shell), assets.shell),
        ]);
        return { contents: pageAssetsFileModule(name, format === 'cjs' ? 'cjs' : 'esm'), loader: 'js', watchFiles };
      });
    },
  };
}
