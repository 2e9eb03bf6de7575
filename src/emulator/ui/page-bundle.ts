/**
 * Build tooling for the web chat page's script: bundles `client/main.ts` (TypeScript, DOM)
 * into one browser script with esbuild. Used in two places, with the same options:
 *
 * - from source (`npm start`, tsx, vitest): `page-script.ts` calls {@link bundlePageScript}
 *   at the first page request;
 * - in the package build: {@link pageScriptPlugin} (a tsup/esbuild plugin) replaces
 *   `page-script.ts` with the finished script as a string, so `dist` never loads esbuild (a
 *   devDependency).
 *
 * Never imported by the built package.
 */
import { resolve } from 'node:path';
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
 * Bundles the page script: one IIFE in strict mode, for browsers of the last few years,
 * readable (not minified) so it can be debugged in the browser. Rejects with esbuild's
 * messages when the client code does not compile.
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
 * An esbuild plugin (tsup `esbuildPlugins`) that bundles the page script once per build and
 * inlines it in place of `src/emulator/ui/page-script.ts`.
 *
 * @example
 * // tsup.config.ts
 * export default defineConfig({ entry, esbuildPlugins: [pageScriptPlugin()] });
 */
export function pageScriptPlugin(entry: string = PAGE_ENTRY): Plugin {
  return {
    name: 'tamtam-rx-page-script',
    setup(pluginBuild) {
      let built: ReturnType<typeof bundle> | undefined;
      pluginBuild.onStart(() => {
        built = undefined;
      });
      pluginBuild.onLoad({ filter: PAGE_SCRIPT_MODULE }, async (args) => {
        built ??= bundle(entry);
        const { script, inputs } = await built;
        return { contents: pageScriptModule(script), loader: 'js', watchFiles: [args.path, ...inputs] };
      });
    },
  };
}
