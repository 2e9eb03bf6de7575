/**
 * The root entry loads where there is no Node: bundled by esbuild for a neutral platform (what
 * Workers, Deno and browser bundlers see), it imports no Node built-in (nor does the test kit,
 * `tamtam-rx/testing`),
 * and the root bundle runs in a bare JavaScript realm that has only web-standard globals (no
 * `process`, `Buffer`, `require`): it makes an API call and answers webhook requests there.
 */
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { type ImportKind, type Plugin, build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { dist, ensureBuilt } from './build-once';

const BUILTINS = new Set(builtinModules);

function isNodeBuiltin(path: string): boolean {
  return path.startsWith('node:') || BUILTINS.has(path) || BUILTINS.has(path.split('/')[0]!);
}

interface BuiltinImport {
  readonly path: string;
  readonly kind: ImportKind;
  readonly importer: string;
}

/** Bundles `file` for a neutral platform, recording every Node built-in it imports (left external). */
async function bundleNeutral(
  file: string,
  format: 'esm' | 'iife',
): Promise<{ code: string; builtins: BuiltinImport[] }> {
  const builtins: BuiltinImport[] = [];
  const recordBuiltins: Plugin = {
    name: 'record-node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!isNodeBuiltin(args.path)) return undefined;
        builtins.push({ path: args.path, kind: args.kind, importer: args.importer });
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    platform: 'neutral',
    format,
    globalName: 'tamtamRx',
    target: 'es2022',
    logLevel: 'silent',
    plugins: [recordBuiltins],
  });
  return { code: result.outputFiles[0]!.text, builtins };
}

/**
 * `upload(api, type, './file.png')` reads a path with `import('node:fs')` when it is called:
 * a lazy import only code that passes a file path reaches, never at load time.
 */
const LAZY_UPLOAD_BUILTINS = new Set(['node:fs', 'node:fs/promises', 'node:path']);

beforeAll(() => ensureBuilt(), 660_000);

describe('dist/index.js bundled for a neutral platform', () => {
  it('imports no Node built-in at load time', async () => {
    const { builtins } = await bundleNeutral(join(dist, 'index.js'), 'esm');
    expect(builtins.filter((b) => b.kind !== 'dynamic-import')).toEqual([]);
    for (const lazy of builtins.filter((b) => b.kind === 'dynamic-import')) {
      expect(LAZY_UPLOAD_BUILTINS.has(lazy.path), `unexpected lazy import of ${lazy.path} in ${lazy.importer}`).toBe(
        true,
      );
    }
  });
});

/**
 * The Node built-ins `file` loads when it is imported: bundled with code splitting for a neutral
 * platform, following only static imports from the entry's chunk (a dynamic `import()` is
 * reached only by the code path that calls it).
 */
async function builtinsAtLoad(file: string): Promise<string[]> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    splitting: true,
    outdir: 'out',
    platform: 'neutral',
    format: 'esm',
    target: 'es2022',
    logLevel: 'silent',
    metafile: true,
    plugins: [
      {
        name: 'external-node-builtins',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) =>
            isNodeBuiltin(args.path) ? { path: args.path, external: true } : undefined,
          );
        },
      },
    ],
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((name) => outputs[name]!.entryPoint !== undefined)!;
  const seen = new Set<string>();
  const builtins = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of outputs[name]?.imports ?? []) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) {
        if (isNodeBuiltin(imported.path)) builtins.add(imported.path);
      } else visit(imported.path);
    }
  };
  visit(entry);
  return [...builtins].sort();
}

describe('dist/testing.js (tamtam-rx/testing) bundled for a neutral platform', () => {
  it('imports no Node built-in at load time (the emulator handlers it reuses load node:http only to deliver)', async () => {
    expect(await builtinsAtLoad(join(dist, 'testing.js'))).toEqual([]);
  });
});

describe('the root entry in a realm with only web-standard globals', () => {
  const update = {
    update_type: 'message_created',
    timestamp: 1,
    message: {
      sender: { user_id: 2, name: 'Alice', is_bot: false, last_activity_time: 1 },
      recipient: { chat_id: 10, chat_type: 'dialog', user_id: 1 },
      timestamp: 1,
      body: { mid: 'mid.1', seq: 1, text: 'hi' },
    },
  };

  it('calls the API through fetch and serves a webhook through fetchHandler', async () => {
    const { code } = await bundleNeutral(join(dist, 'index.js'), 'iife');
    const requests: string[] = [];
    const fetch = async (input: Request): Promise<Response> => {
      requests.push(`${input.method} ${new URL(input.url).pathname}`);
      return Response.json({ user_id: 1, name: 'Echo bot', username: 'echo_bot', is_bot: true, last_activity_time: 1 });
    };
    // web-standard globals only: what Workers, Deno and browsers all have
    const web = {
      fetch,
      Request,
      Response,
      Headers,
      FormData,
      Blob,
      URL,
      URLSearchParams,
      AbortController,
      AbortSignal,
      DOMException,
      Event,
      EventTarget,
      ReadableStream,
      WritableStream,
      TransformStream,
      TextEncoder,
      TextDecoder,
      crypto,
      structuredClone,
      queueMicrotask,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      console,
      atob,
      btoa,
      // the web classes above come from this realm and hand out its bytes; in a real Worker both are one realm
      Uint8Array,
      ArrayBuffer,
    };
    const realm = createContext({ ...web, update: JSON.stringify(update) });
    expect(runInContext('[typeof process, typeof Buffer, typeof require, typeof setImmediate]', realm)).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
    runInContext(code, realm, { filename: 'tamtam-rx.neutral.js' });
    const result = await runInContext(
      `(async () => {
        const api = tamtamRx.createApi({ token: 'secret-token', baseUrl: 'https://api.example', fetch, retry: false });
        const me = await new Promise((resolve, reject) => tamtamRx.getMyInfo(api).subscribe({ next: resolve, error: reject }));
        const hook = tamtamRx.webhook({ secret: 's3cr3t', secretIn: 'header' });
        const received = [];
        hook.updates$.subscribe((u) => received.push(u.message.body.text));
        const post = (secret) => hook.fetchHandler(new Request('https://bot.example/', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(secret ? { 'x-tamtam-webhook-secret': secret } : {}) },
          body: update,
        }));
        const first = await post('s3cr3t'); if (first.status !== 200) throw new Error(await first.text());
        const statuses = [first.status, (await post('wrong')).status, (await post()).status];
        await hook.stop();
        return JSON.stringify({ me: me.name, statuses, received });
      })()`,
      realm,
    );
    expect(JSON.parse(result as string)).toEqual({ me: 'Echo bot', statuses: [200, 401, 401], received: ['hi'] });
    expect(requests).toEqual(['GET /me']);
  });
});
