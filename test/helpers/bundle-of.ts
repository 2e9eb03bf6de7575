import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Bundles a snippet of app code the way an app's bundler would (ESM, platform neutral, rxjs,
 * ky and Node built-ins external, tree-shaken), resolved from the repository root (so
 * `./src/index` is the library's sources), and returns the bundle's code: for tests of what an
 * app's bundle leaves out.
 *
 * @example
 * const code = await bundleOf("import { fetchWebhook } from './src/index';\nexport default fetchWebhook();");
 * expect(code).not.toContain('function toNodeHandler');
 */
export async function bundleOf(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    external: ['rxjs', 'ky', 'node:*'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}
