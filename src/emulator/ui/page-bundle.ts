/**
 * Build tooling for the web chat page: bundles the script (`client/main.ts`, TypeScript, DOM)
 * into one browser script with esbuild and fills the HTML shell with the stylesheet, both
 * minified. Used in two places, with the same output:
 *
 * - from source (`npm start`, tsx, vitest): `page-assets.ts` calls {@link buildPageAssets} at
 *   the first page request;
 * - in the package build: `pageAssetsPlugin` (`page-plugin.ts`) puts the finished assets in
 *   place of `page-assets.ts`, so `dist` never loads esbuild (a devDependency).
 *
 * The readable sources stay in `client/`, `page-shell.ts` and `page-style.ts`. Never imported
 * by the built package.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import type { PageAssets } from './page-assets';
import { pageShell } from './page-shell';
import { PAGE_STYLE } from './page-style';

/**
 * The page script's entry.
 *
 * @example
 * await bundlePageScript(PAGE_ENTRY);
 */
export const PAGE_ENTRY = fileURLToPath(new URL('./client/main.ts', import.meta.url));

/**
 * The modules the shell and stylesheet are written in (what a rebuild watches besides the
 * script's inputs).
 *
 * @example
 * return { contents, watchFiles: [...PAGE_SOURCES, ...inputs] };
 */
export const PAGE_SOURCES: readonly string[] = ['./page-shell.ts', './page-style.ts'].map((file) =>
  fileURLToPath(new URL(file, import.meta.url)),
);

/**
 * Bundles the page script: one IIFE in strict mode, for browsers of the last few years,
 * minified (whitespace, syntax and local names). Rejects with esbuild's messages when the
 * client code does not compile.
 *
 * @example
 * const script = await bundlePageScript();
 * const html = `<script nonce="${nonce}">${script}</script>`;
 */
export async function bundlePageScript(entry: string = PAGE_ENTRY): Promise<string> {
  return (await bundleScript(entry)).script;
}

/**
 * The script and the files it was built from.
 *
 * @example
 * const { script, inputs } = await bundleScript(PAGE_ENTRY);
 */
export async function bundleScript(entry: string = PAGE_ENTRY): Promise<{ script: string; inputs: string[] }> {
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
    minify: true,
    logLevel: 'silent',
    banner: { js: "'use strict';" },
    metafile: true,
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return { script: output.text, inputs: Object.keys(result.metafile.inputs).map((input) => resolve(input)) };
}

/**
 * A stylesheet without comments and needless whitespace (esbuild's CSS minifier; the rules,
 * their order and the nesting stay).
 *
 * @example
 * await minifyStyle('a {\n  color: red;\n}\n'); // 'a{color:red}\n'
 */
export async function minifyStyle(css: string): Promise<string> {
  return (await transform(css, { loader: 'css', minify: true, logLevel: 'silent' })).code.trim();
}

/**
 * HTML with every run of whitespace that spans lines shrunk to one line break: the page
 * renders the same (a run of whitespace between tags is one space at most, and the shell has
 * no `pre` or `textarea` content).
 *
 * @example
 * minifyHtml('<div>\n  <b>x</b>\n</div>\n'); // '<div>\n<b>x</b>\n</div>\n'
 */
export function minifyHtml(html: string): string {
  return html.replace(/[ \t]*\n\s*/g, '\n');
}

/**
 * The page's assets, minified: the bundled script and the shell with the stylesheet inlined,
 * and the files they were built from.
 *
 * @example
 * const { script, shell } = await buildPageAssets();
 * renderPage(nonce, { script, shell });
 */
export async function buildPageAssets(entry: string = PAGE_ENTRY): Promise<PageAssets & { inputs: string[] }> {
  const [{ script, inputs }, style] = await Promise.all([bundleScript(entry), minifyStyle(PAGE_STYLE)]);
  return { script, shell: minifyHtml(pageShell(style)), inputs: [...PAGE_SOURCES, ...inputs] };
}
