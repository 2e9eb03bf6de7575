/**
 * Build tooling for the web chat page's script: bundles `client/main.ts` (TypeScript, DOM)
 * into one browser script with esbuild. Used in two places, with the same options:
 *
 * - from source (`npm start`, tsx, vitest): `page-script.ts` calls {@link bundlePageScript}
 *   at the first page request;
 * - in the package build: {@link pageScriptPlugin} (a tsup/esbuild plugin) replaces
 *   `page-script.ts` with the finished script, so `dist` never loads esbuild (a devDependency):
 *   as a string, or (the package, whose ESM and CJS builds would each carry a copy) as one file
 *   beside the output that both builds read at the first page request.
 *
 * Never imported by the built package.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * The page script's entry.
 *
 * @example
 * await bundlePageScript(PAGE_ENTRY);
 */
export const PAGE_ENTRY = fileURLToPath(new URL('./client/main.ts', import.meta.url));

/** The module the plugin replaces (matched by path, either separator). */
const PAGE_SCRIPT_MODULE = /[\\/]emulator[\\/]ui[\\/]page-script\.ts$/;

/**
 * Bundles the page script: one IIFE in strict mode, for browsers of the last few years.
 * Whitespace and syntax are minified, names are not (as in the package's own code): the
 * browser's pretty-printer makes it readable for debugging, and the package ships a quarter
 * less of it. Rejects with esbuild's messages when the client code does not compile.
 *
 * @example
 * const script = await bundlePageScript();
 * const html = `<script nonce="${nonce}">${script}</script>`;
 */
export async function bundlePageScript(entry: string = PAGE_ENTRY): Promise<string> {
  return (await bundle(entry)).script;
}

/** The script and the files it was built from. */
async function bundle(entry: string): Promise<{ script: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'firefox115', 'safari16'],
    charset: 'utf8',
    legalComments: 'none',
    sourcemap: false,
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'silent',
    banner: { js: "'use strict';" },
    metafile: true,
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return { script: output.text, inputs: Object.keys(result.metafile.inputs).map((input) => resolve(input)) };
}

/**
 * The module that stands in for `page-script.ts` in the built package: the script as a string.
 *
 * @example
 * pageScriptModule('(() => {})();\n');
 * // export function loadPageScript() { return Promise.resolve("(() => {})();\n"); }
 */
export function pageScriptModule(script: string): string {
  return `/** The web chat page's script, bundled at build time. */\nconst PAGE_SCRIPT = ${JSON.stringify(script)};\nexport function loadPageScript() { return Promise.resolve(PAGE_SCRIPT); }\n`;
}

/**
 * The module that stands in for `page-script.ts` when the script is a file beside the output:
 * read once, at the first page request, relative to the output file (`import.meta.url` in ESM,
 * `__dirname` in CommonJS). Loads no Node built-in until called.
 *
 * @example
 * pageScriptFileModule('emulator-page.js', 'esm');
 */
export function pageScriptFileModule(file: string, format: 'esm' | 'cjs'): string {
  const where =
    format === 'esm'
      ? `new URL(${JSON.stringify(`./${file}`)}, import.meta.url)`
      : `(await import('node:path')).join(__dirname, ${JSON.stringify(file)})`;
  return `/** The web chat page's script, bundled at build time into ${file} beside this file. */
let script;
export function loadPageScript() {
  script ??= (async () => {
    const { readFile } = await import('node:fs/promises');
    return readFile(${where}, 'utf8');
  })();
  return script;
}
`;
}

/** Options of {@link pageScriptPlugin}. */
export interface PageScriptPluginOptions {
  /**
   * Write the script to this file in the build's output folder (`outdir`, or the folder of
   * `outfile`) and read it from there at run time, instead of inlining it as a string. Builds
   * that share an output folder (the package's ESM and CJS builds) then ship one copy.
   * The plugin writes the file itself (tsup builds with `write: false` and writes the rest);
   * the build needs an `outdir` or `outfile` to say where.
   *
   * @default undefined (inline)
   */
  readonly file?: string;
}

/**
 * An esbuild plugin (tsup `esbuildPlugins`) that bundles the page script once per build and
 * puts it in place of `src/emulator/ui/page-script.ts`: inlined as a string, or written to
 * `options.file` in the output folder.
 *
 * @example
 * // tsup.config.ts
 * export default defineConfig({ entry, esbuildPlugins: [pageScriptPlugin({ file: 'emulator-page.js' })] });
 */
export function pageScriptPlugin(options: PageScriptPluginOptions = {}, entry: string = PAGE_ENTRY): Plugin {
  const { file } = options;
  return {
    name: 'tamtam-rx-page-script',
    setup(pluginBuild) {
      const { outdir, outfile, format } = pluginBuild.initialOptions;
      const folder = outdir ?? (outfile === undefined ? undefined : dirname(outfile));
      if (file !== undefined && folder === undefined) {
        throw new TypeError(
          'pageScriptPlugin({ file }) writes the page script beside the output: give the build an outdir or outfile, or drop `file` to inline the script',
        );
      }
      let built: ReturnType<typeof bundle> | undefined;
      pluginBuild.onStart(() => {
        built = undefined;
      });
      pluginBuild.onLoad({ filter: PAGE_SCRIPT_MODULE }, async (args) => {
        built ??= bundle(entry);
        const { script, inputs } = await built;
        const watchFiles = [args.path, ...inputs];
        if (file === undefined || folder === undefined) {
          return { contents: pageScriptModule(script), loader: 'js', watchFiles };
        }
        const target = join(folder, file);
        await mkdir(dirname(target), { recursive: true });
        // builds (ESM, CJS) may write it at once: each writes a private copy, then renames it over
        const temporary = `${target}.${process.pid}.${randomUUID()}.tmp`;
        await writeFile(temporary, script);
        await rename(temporary, target);
        return { contents: pageScriptFileModule(file, format === 'cjs' ? 'cjs' : 'esm'), loader: 'js', watchFiles };
      });
    },
  };
}
