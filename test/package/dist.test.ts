import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const dist = resolve(root, 'dist');

/**
 * A consumer of the built package: loads it by `require` or `import` in a fresh Node process
 * and makes one real call against a loopback server.
 */
function consumerScript(kind: 'require' | 'import', entry: string): string {
  const load = kind === 'require' ? `Promise.resolve(require(${JSON.stringify(entry)}))` : `import(${JSON.stringify(entry)})`;
  return `
    ${load}.then(async (lib) => {
      const { firstValueFrom } = await import('rxjs');
      const api = lib.createApi({ token: 'dist-token', baseUrl: process.env.BASE_URL, retry: false });
      const me = await firstValueFrom(lib.getMyInfo(api));
      const err = await firstValueFrom(lib.getChat(api, 404)).catch((e) => e);
      console.log(JSON.stringify({ me, errorName: err.name, isApiError: lib.isTamTamApiError(err), status: err.status }));
    }).catch((e) => { console.error(e); process.exit(1); });
  `;
}

let server: LoopbackServer;
beforeAll(async () => {
  await run('npm', ['run', 'build'], { cwd: root, timeout: 180_000 });
  server = await startLoopbackServer();
  server.respond((req) =>
    req.path === '/me'
      ? { body: { user_id: 1, name: 'Dist Bot', username: 'dist_bot', is_bot: true, last_activity_time: 1 } }
      : { status: 404, body: { code: 'chat.not.found', message: 'Chat 404 not found' } },
  );
}, 200_000);
afterAll(() => server?.close());

describe('the built package', () => {
  it('has ESM, CJS and both declaration flavours', () => {
    for (const file of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']) {
      expect(existsSync(resolve(dist, file)), file).toBe(true);
    }
  });

  it.each(['require', 'import'] as const)('works through %s and makes a real request', async (kind) => {
    const { stdout } = await run(process.execPath, ['--input-type=commonjs', '-e', consumerScript(kind, 'tamtam-rx')], {
      cwd: root, // self-reference through package.json "exports"
      env: { ...process.env, BASE_URL: server.url },
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual({
      me: { user_id: 1, name: 'Dist Bot', username: 'dist_bot', is_bot: true, last_activity_time: 1 },
      errorName: 'TamTamApiError',
      isApiError: true,
      status: 404,
    });
  });
});
