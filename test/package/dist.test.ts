import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPageAssets } from '../../src/emulator/ui/page-bundle';
import { renderPage } from '../../src/emulator/ui/page-html';
import { ENTRIES } from './entries';
import { dist, ensureBuilt, root } from './build-once';

const run = promisify(execFile);

/**
 * A consumer of the built package: loads the core and the emulator entries by `require` or
 * `import` in a fresh Node process (resolved through package.json "exports"), starts the
 * emulator and makes real calls against it.
 */
function consumerScript(kind: 'require' | 'import'): string {
  const load = (name: string) =>
    kind === 'require' ? `Promise.resolve(require(${JSON.stringify(name)}))` : `import(${JSON.stringify(name)})`;
  return `
    Promise.all([${load('tamtam-rx')}, ${load('tamtam-rx/emulator')}, ${load('tamtam-rx/testing')}, import('rxjs')]).then(async ([lib, emu, kit, { firstValueFrom }]) => {
      const emulator = await emu.startEmulator();
      try {
        const api = lib.createApi({ token: emulator.token, baseUrl: emulator.url, retry: false });
        const me = await firstValueFrom(lib.getMyInfo(api));
        const err = await firstValueFrom(lib.getChat(api, 404)).catch((e) => e);
        // the test kit's errors are the core's classes (shared chunks, not copies)
        const fake = kit.createFakeApi({ responses: { getChat: kit.apiError(404, 'chat.not.found') } });
        const scripted = await firstValueFrom(lib.getChat(fake, 1)).catch((e) => e);
        console.log(JSON.stringify({ isBot: me.is_bot, errorName: err.name, isApiError: lib.isTamTamApiError(err), status: err.status, kitErrorIsApiError: lib.isTamTamApiError(scripted) }));
      } finally {
        await emulator.close();
      }
    }).catch((e) => { console.error(e); process.exit(1); });
  `;
}

beforeAll(() => ensureBuilt(), 660_000);

describe('the built package', () => {
  it('has ESM, CJS and both declaration flavours for every entry', () => {
    for (const entry of ENTRIES) {
      for (const ext of ['.js', '.cjs', '.d.ts', '.d.cts']) {
        expect(existsSync(resolve(dist, entry + ext)), entry + ext).toBe(true);
      }
    }
  });

  it.each(['require', 'import'] as const)('works through %s and makes real requests', async (kind) => {
    const { stdout } = await run(process.execPath, ['--input-type=commonjs', '-e', consumerScript(kind)], {
      cwd: root,
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual({
      isBot: true,
      errorName: 'TamTamApiError',
      isApiError: true,
      status: 404,
      kitErrorIsApiError: true,
    });
  });

  it.each(['require', 'import'] as const)(
    'serves the web chat page built at build time (%s): the same page as from source, without esbuild',
    async (kind) => {
      const script = `
      ${kind === 'require' ? "Promise.resolve(require('tamtam-rx/emulator'))" : "import('tamtam-rx/emulator')"}.then(async (emu) => {
        const emulator = await emu.startEmulator();
        try {
          const res = await fetch(emulator.url + '/_emulator/ui');
          const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy'))?.[1];
          console.log(JSON.stringify({ status: res.status, nonce, html: await res.text() }));
        } finally {
          await emulator.close();
        }
      }).catch((e) => { console.error(e); process.exit(1); });
    `;
      const { stdout } = await run(process.execPath, ['--input-type=commonjs', '-e', script], {
        cwd: root,
        timeout: 30_000,
      });
      const served = JSON.parse(stdout) as { status: number; nonce: string; html: string };
      expect(served.status).toBe(200);
      const assets = await buildPageAssets();
      expect(served.html).toBe(renderPage(served.nonce, { script: assets.script, shell: assets.shell }));
      // esbuild is a devDependency: nothing in the package may load it. The page's markup and
      // stylesheet are in dist/emulator-page.html only, not in the code of either format.
      const code = readdirSync(dist).filter((name) => /\.c?js$/.test(name));
      const read = (name: string) => readFileSync(resolve(dist, name), 'utf8');
      expect(code.filter((name) => /\besbuild\b/.test(read(name)))).toEqual([]);
      expect(code.filter((name) => /--accent-soft|id="composer-input"/.test(read(name)))).toEqual([]);
    },
  );

  it('has one package.json export per entry, each pointing at files that exist', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as {
      exports: Record<string, unknown>;
    };
    const subpaths = Object.keys(pkg.exports).filter((p) => p !== './package.json');
    expect(subpaths.sort()).toEqual(ENTRIES.map((e) => (e === 'index' ? '.' : `./${e}`)).sort());
    for (const target of JSON.stringify(pkg.exports).match(/\.\/dist\/[^"]+/g) ?? [])
      expect(existsSync(resolve(root, target)), target).toBe(true);
  });

  it('builds the emulator command as ESM only, without CommonJS or declaration stubs', () => {
    expect(existsSync(resolve(dist, 'emulator-cli.js'))).toBe(true);
    for (const stub of ['emulator-cli.cjs', 'emulator-cli.d.ts', 'emulator-cli.d.cts', 'emulator-cli.js.map']) {
      expect(existsSync(resolve(dist, stub)), stub).toBe(false);
    }
  });

  it('prints the package version with --version, and help that names only the command', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
    const version = await run(process.execPath, [resolve(dist, 'emulator-cli.js'), '--version'], {
      cwd: root,
      timeout: 15_000,
    });
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = await run(process.execPath, [resolve(dist, 'emulator-cli.js'), '--help'], {
      cwd: root,
      timeout: 15_000,
    });
    expect(help.stdout).toMatch(/^Usage: tamtam-emulator/);
    expect(help.stdout).toMatch(/--version/);
    expect(help.stdout).not.toMatch(/npm run|tsx|src\//);
  });

  it('ships the emulator command (package bin) that prints its URL and token', async () => {
    const child = spawn(process.execPath, [resolve(dist, 'emulator-cli.js'), '--port', '0'], { cwd: root });
    try {
      const output = await new Promise<string>((resolveOutput, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${text}`)), 15_000);
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (/Token:/.test(text)) {
            clearTimeout(timer);
            resolveOutput(text);
          }
        });
      });
      expect(output).toMatch(/URL:\s+http:\/\/127\.0\.0\.1:\d+/);
      const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
