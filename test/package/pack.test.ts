/**
 * The package as users get it: `npm pack`, installed offline into an empty folder with only its
 * peer `rxjs` beside it (tarballs of the local rxjs, ky and tslib stand in for the registry).
 * Every entry loads through `import` and `require`, the test kit without the optional peer
 * rxjs-marbles, and TypeScript consumers type-check with TS 5.9 and TS 7: every entry with
 * @types/node, the root entry without it.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRIES } from './entries';
import { ensureBuilt, root } from './build-once';

const run = promisify(execFile);

/**
 * The unpacked size the package must stay under: 1.2 MB (was 1.29 MB, 1.47 MB, 1.89 MB before
 * that). No source maps; ESM and CJS builds with local variables renamed
 * (scripts/compact-dist.ts; function and class names kept), ky bundled into the CJS one;
 * declarations once, as `.d.cts` indented by tabs, each `.d.ts` re-exporting its twin, the
 * examples of types left to the API reference; the web chat page once, minified, in
 * dist/emulator-page.js and dist/emulator-page.html; the README (the full benchmark table and
 * the contributors' guide stay in the repository) and docs/. What is left: the JavaScript,
 * twice (about 0.33 MB a format), the declarations (0.39 MB, over half of it doc comments) and
 * the README (0.07 MB). Growing past the budget is a decision to make in review, not by
 * accident.
 */
const UNPACKED_BUDGET = 1_200_000;

interface PackResult {
  readonly filename: string;
  readonly unpackedSize: number;
  readonly files: readonly { readonly path: string }[];
}

let work: string;
let consumer: string;
let packed: PackResult;

/** `npm pack` of `dir` into `work`, without lifecycle scripts (dist is already built). */
async function pack(dir: string): Promise<PackResult> {
  const { stdout } = await run('npm', ['pack', dir, '--json', '--ignore-scripts', '--pack-destination', work], {
    cwd: work,
    timeout: 120_000,
  });
  return (JSON.parse(stdout) as PackResult[])[0]!;
}

/** What a consumer gets from each entry: an export it must have and ones it must not. */
const PROBES = {
  index: {
    has: ['createApi', 'webhook', 'fromLongPolling', 'sendMessage', 'memoryStateStore'],
    lacks: ['listen', 'fileMarkerStore', 'fileStateStore', 'retryPolicy', 'classifyUpdate'],
  },
  node: { has: ['listen', 'fileMarkerStore', 'fileStateStore'], lacks: ['createApi'] },
  emulator: { has: ['startEmulator', 'DEFAULT_WORLD_IDS'], lacks: [] },
  testing: {
    has: ['createFakeApi', 'expectSent', 'textMessage', 'waitFor', 'stateStoreContract'],
    lacks: ['createMarbles', 'withEmulator', 'startTestBot'],
  },
  'testing/marbles': { has: ['createMarbles'], lacks: [] },
  'testing/emulator': { has: ['withEmulator', 'startTestBot'], lacks: [] },
  redis: {
    has: ['redisMarkerStore', 'redisRateLimiter', 'redisStateStore', 'toRedisStream', 'fromRedisStream'],
    lacks: ['createApi'],
  },
} satisfies Record<(typeof ENTRIES)[number], { has: string[]; lacks: string[] }>;

/** A script that loads each entry by `import` or `require` and prints what it found. */
function loaderScript(kind: 'import' | 'require'): string {
  return `
    const load = (name) => ${kind === 'require' ? 'Promise.resolve().then(() => require(name))' : 'import(name)'};
    (async () => {
      const out = {};
      for (const entry of ${JSON.stringify(ENTRIES)}) {
        const name = entry === 'index' ? 'tamtam-rx' : 'tamtam-rx/' + entry;
        try {
          const m = await load(name);
          out[entry] = { exports: Object.keys(m).filter((k) => k !== 'default' && k !== 'module.exports') };
        } catch (e) {
          out[entry] = { error: String(e.code) + ' ' + e.message.split('\\n')[0] };
        }
      }
      // the test kit's errors are the core's classes, not copies
      const [lib, kit] = await Promise.all([load('tamtam-rx'), load('tamtam-rx/testing')]);
      const fake = kit.createFakeApi({ responses: { getChat: kit.apiError(404, 'chat.not.found') } });
      const error = await new Promise((resolve) => lib.getChat(fake, 1).subscribe({ error: resolve }));
      out.kitErrorIsApiError = lib.isTamTamApiError(error);
      console.log(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });
  `;
}

async function loadEntries(
  kind: 'import' | 'require',
): Promise<Record<string, { exports?: string[]; error?: string }> & { kitErrorIsApiError: boolean }> {
  const file = join(consumer, kind === 'import' ? 'load.mjs' : 'load.cjs');
  await writeFile(file, loaderScript(kind));
  const { stdout } = await run(process.execPath, [file], { cwd: consumer, timeout: 60_000 });
  return JSON.parse(stdout);
}

beforeAll(async () => {
  await ensureBuilt();
  work = await mkdtemp(join(tmpdir(), 'tamtam-rx-pack-'));
  consumer = join(work, 'consumer');
  await mkdir(consumer);
  const [own, ...tarballs] = await Promise.all(
    [root, ...['rxjs', 'ky', 'tslib'].map((n) => join(root, 'node_modules', n))].map(pack),
  );
  packed = own as PackResult;
  const spec = (file: string) => `file:../${file}`;
  await writeFile(
    join(consumer, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      // the library and its one peer; ky and tslib are their dependencies, given as local tarballs
      dependencies: { 'tamtam-rx': spec(packed.filename), rxjs: spec(tarballs[0]!.filename) },
      overrides: { ky: spec(tarballs[1]!.filename), tslib: spec(tarballs[2]!.filename) },
    }),
  );
  await run('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'], {
    cwd: consumer,
    timeout: 180_000,
  });
}, 900_000);

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('ships dist, docs, README and LICENSE, no source maps, no CJS or declaration stubs for the bin', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'dist/index.js',
        'dist/emulator-cli.js',
        'dist/emulator-page.js',
        'dist/emulator-page.html',
        'docs/webhooks.md',
        'docs/production.md',
      ]),
    );
    expect(
      paths.filter((p) => !/^(dist|docs)\//.test(p) && !['LICENSE', 'README.md', 'package.json'].includes(p)),
    ).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.map') || /emulator-cli\.(cjs|d\.c?ts)$/.test(p))).toEqual([]);
    for (const entry of ENTRIES) {
      for (const ext of ['.js', '.cjs', '.d.ts', '.d.cts']) expect(paths, entry + ext).toContain(`dist/${entry}${ext}`);
    }
  });

  it(`stays under the size budget (${UNPACKED_BUDGET / 1e6} MB unpacked)`, () => {
    expect(packed.unpackedSize).toBeLessThanOrEqual(UNPACKED_BUDGET);
  });

  it('installs offline with only rxjs beside it', async () => {
    expect((await readdir(join(consumer, 'node_modules'))).filter((n) => !n.startsWith('.')).sort()).toEqual([
      'ky',
      'rxjs',
      'tamtam-rx',
      'tslib',
    ]);
  });
});

// The checks below are separate processes (node, tsc): each group runs at once, so that this
// file, the longest of the suite, does not leave a core idle at the end of the run.
describe('every entry', () => {
  it.concurrent.each(['import', 'require'] as const)(
    'loads through %s, rxjs-marbles aside, with the exports each entry promises',
    async (kind) => {
      const loaded = await loadEntries(kind);
      for (const [entry, probe] of Object.entries(PROBES)) {
        if (entry === 'testing/marbles') continue;
        expect(loaded[entry]?.error, entry).toBeUndefined();
        expect(loaded[entry]?.exports, entry).toEqual(expect.arrayContaining(probe.has));
        for (const name of probe.lacks) expect(loaded[entry]?.exports, entry).not.toContain(name);
      }
      expect(loaded.kitErrorIsApiError).toBe(true);
      // the marble helpers need the optional peer, and say so
      expect(loaded['testing/marbles']?.error).toMatch(/rxjs-marbles/);
    },
  );
});

describe('the emulator of the installed package', () => {
  it.concurrent.each(['import', 'require'] as const)(
    'serves the web chat page through %s, its script and stylesheet read from the package',
    async (kind) => {
      const file = join(consumer, kind === 'import' ? 'page.mjs' : 'page.cjs');
      await writeFile(
        file,
        `
        const load = ${kind === 'require' ? "Promise.resolve().then(() => require('tamtam-rx/emulator'))" : "import('tamtam-rx/emulator')"};
        load.then(async (emu) => {
          const emulator = await emu.startEmulator();
          try {
            const res = await fetch(emulator.url + '/_emulator/ui');
            console.log(JSON.stringify({ status: res.status, html: await res.text() }));
          } finally {
            await emulator.close();
          }
        }).catch((e) => { console.error(e); process.exit(1); });
      `,
      );
      const { stdout } = await run(process.execPath, [file], { cwd: consumer, timeout: 60_000 });
      const { status, html } = JSON.parse(stdout) as { status: number; html: string };
      expect(status).toBe(200);
      const installed = join(consumer, 'node_modules/tamtam-rx/dist');
      const script = await readFile(join(installed, 'emulator-page.js'), 'utf8');
      const shell = await readFile(join(installed, 'emulator-page.html'), 'utf8');
      expect(script.length).toBeGreaterThan(1000);
      expect(html).toContain(`">${script}</script>`);
      // the shell up to the stylesheet's nonce, and the stylesheet itself, as shipped
      expect(html.startsWith(shell.slice(0, shell.indexOf('{{')))).toBe(true);
      const style = /<style nonce="\{\{nonce\}\}">([^<]+)<\/style>/.exec(shell)?.[1];
      expect(style).toMatch(/^:root\{/);
      expect(html).toContain(`">${style}</style>`);
    },
    90_000,
  );
});

describe('with the optional peers rxjs-marbles and redis installed', () => {
  beforeAll(async () => {
    // `npm install rxjs-marbles redis`, offline: a copy of rxjs-marbles (it must see the app's
    // rxjs), a link to redis (read for its types only; @redis/* resolve beside the original)
    for (const name of ['rxjs-marbles', 'fast-equals']) {
      await cp(join(root, 'node_modules', name), join(consumer, 'node_modules', name), { recursive: true });
    }
    await linkPackage('redis');
  }, 120_000);

  it.concurrent.each(['import', 'require'] as const)('tamtam-rx/testing/marbles loads through %s', async (kind) => {
    const loaded = await loadEntries(kind);
    expect(loaded['testing/marbles']).toEqual({ exports: expect.arrayContaining(PROBES['testing/marbles'].has) });
  });

  /** Writes `files` and a tsconfig beside them into `dir`, runs `tsc -p` there: its output and exit code. */
  async function typeCheck(
    compiler: string,
    dir: string,
    files: Record<string, string>,
    options: Record<string, unknown>,
  ): Promise<{ stdout: string; code: number | string }> {
    await mkdir(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const compilerOptions = {
      module: 'node16',
      moduleResolution: 'node16',
      target: 'es2022',
      strict: true,
      noEmit: true,
      // the package's declarations and those they pull in are checked; TypeScript's own lib
      // files (lib.dom.d.ts…) are the compiler's, not the package's: checking them cost a
      // third of each TS 5.9 run
      skipLibCheck: false,
      skipDefaultLibCheck: true,
      ...options,
    };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
    return run(process.execPath, [compiler, '-p', 'tsconfig.json'], { cwd: dir, timeout: 180_000 }).then(
      ({ stdout }) => ({ stdout, code: 0 }),
      (e: { stdout?: string; code?: number | string }) => ({ stdout: e.stdout ?? String(e), code: e.code ?? 'failed' }),
    );
  }

  /**
   * TypeScript 5.9 (the `typescript` devDependency) and TypeScript 7, the native compiler
   * (`typescript7`, an alias of `typescript@7`), which loads no `@types/*` package by default.
   */
  const COMPILERS = [
    ['5.9', join(root, 'node_modules/typescript/bin/tsc')],
    ['7', join(root, 'node_modules/typescript7/bin/tsc')],
  ] as const;

  it.concurrent.each(COMPILERS)(
    'a TypeScript %s consumer of every entry type-checks, as ESM and as CommonJS',
    async (version, tsc) => {
      const imports = ENTRIES.map(
        (entry, i) => `import * as entry${i} from '${entry === 'index' ? 'tamtam-rx' : `tamtam-rx/${entry}`}';`,
      ).join('\n');
      const body = `
import { of } from 'rxjs';
${imports}
const api = entry0.createApi({ token: 'token', baseUrl: 'http://127.0.0.1:1' });
const hook = entry0.webhook({ secret: 's3cr3t' });
const served: Promise<entry1.WebhookServer> = entry1.listen(hook, 0);
const store: entry0.MarkerStore = entry1.fileMarkerStore('./state.json');
const started: Promise<entry2.Emulator> = entry2.startEmulator({ world: 'empty' });
const fake: entry3.FakeApi = entry3.createFakeApi();
const update: entry0.MessageCreatedUpdate = entry3.textMessage('hi');
const { marbles } = entry4.createMarbles((actual: unknown) => ({ toBeTruthy() {}, toStrictEqual(expected: unknown) {} }));
const bot: entry5.BotFunction = (a, updates$) => updates$.pipe(entry0.ofType('message_created'));
export const all = [api, served, store, started, fake, update, marbles, bot, of(1)];
`;
      const result = await typeCheck(
        tsc,
        join(consumer, `ts${version}-all`),
        { 'esm.mts': body, 'cjs.cts': body },
        // @types/node from the repository: the node and emulator entries name node:http types
        { typeRoots: [join(root, 'node_modules/@types')], types: ['node'] },
      );
      expect(result).toEqual({ stdout: '', code: 0 });
    },
    200_000,
  );

  it.concurrent.each(COMPILERS)(
    'a TypeScript %s consumer of the root entry type-checks without @types/node (Workers, Deno, browsers)',
    async (version, tsc) => {
      const body = `
import { of } from 'rxjs';
import * as lib from 'tamtam-rx';
const api = lib.createApi({ token: 'token', baseUrl: 'http://127.0.0.1:1' });
const hook = lib.webhook({ secret: 's3cr3t' });
const answer: Promise<Response> = hook.fetchHandler(new Request('https://bot.example/', { method: 'POST' }));
const node: lib.NodeWebhookHandler = hook.nodeHandler;
const sent = lib.sendMessage(api, { chat_id: 1 }, { text: 'hi' });
export const all = [answer, node, sent, hook.pipe(lib.ofType('message_created')), of(1)];
`;
      const result = await typeCheck(
        tsc,
        join(consumer, `ts${version}-root`),
        { 'esm.mts': body, 'cjs.cts': body },
        // no @types at all, web-standard globals from the DOM lib
        { types: [], lib: ['es2022', 'dom', 'dom.iterable'] },
      );
      expect(result).toEqual({ stdout: '', code: 0 });
    },
    200_000,
  );
});

/**
 * The README's "Testing your bot" section and docs/production.md as a user copies them, in an
 * app of their own: `"type": "module"`, `"module": "nodenext"` (so `./bot.js` names `bot.ts`),
 * the packed tarball installed, vitest and @types/node beside it. The bot and test files
 * type-check with TypeScript 5.9 and 7, and vitest runs the tests and they pass.
 */
describe("the README's testing section in a nodenext app", () => {
  let app: string;

  beforeAll(async () => {
    app = join(consumer, 'readme-app');
    await mkdir(join(app, 'production'), { recursive: true });
    // `npm install -D vitest @types/node`, offline: links to the repository's copies
    for (const name of ['vitest', '@types/node']) await linkPackage(name);
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'readme-app', private: true, type: 'module' }),
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          // TypeScript 7 loads no @types package unless named
          types: ['node'],
        },
        include: ['*.ts', 'production/*.ts'],
      }),
      'production/bot.ts': PRODUCTION_BOT,
    };
    for (const name of ['bot.ts', 'bot.test.ts', 'counter-bot.ts', 'counter-bot.test.ts']) {
      files[name] = readmeBlock('## Testing your bot', name);
    }
    markdownBlocks(await readFile(join(root, 'docs/production.md'), 'utf8')).forEach((block, i) => {
      files[`production/block-${i}.ts`] = block;
    });
    for (const [name, text] of Object.entries(files)) await writeFile(join(app, name), text);
  });

  it.concurrent.each([
    ['5.9', join(root, 'node_modules/typescript/bin/tsc')],
    ['7', join(root, 'node_modules/typescript7/bin/tsc')],
  ])(
    'type-checks with TypeScript %s (the bots, their tests, every block of docs/production.md)',
    async (_, tsc) => {
      const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app, timeout: 180_000 }).then(
        ({ stdout }) => stdout,
        (e: { stdout?: string }) => e.stdout ?? String(e),
      );
      expect(result).toBe('');
    },
    200_000,
  );

  // after the type checks, alone: the README's tests wait on the emulator with the kit's timeouts
  it('its tests pass when vitest runs them', async () => {
    const { stdout } = await run(
      process.execPath,
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', app, '--reporter', 'verbose'],
      { cwd: app, timeout: 120_000, env: { ...process.env, CI: '1', NO_COLOR: '1' } },
    ).catch((e: { stdout?: string; stderr?: string }) => {
      throw new Error(`vitest failed in the README app:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    });
    expect(stdout).toMatch(/✓ .*echoes text, quoting it/);
    expect(stdout).toMatch(/✓ .*works against the emulator/);
    expect(stdout).toMatch(/✓ .*counts on the emulator, pressed by Alice/);
    expect(stdout).toMatch(/Tests\s+5 passed \(5\)/);
  }, 150_000);
});

/** A link in the app's node_modules to the repository's copy of `name` (kept if already there). */
async function linkPackage(name: string): Promise<void> {
  await mkdir(dirname(join(consumer, 'node_modules', name)), { recursive: true });
  await symlink(join(root, 'node_modules', name), join(consumer, 'node_modules', name), 'dir').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
}

/** The `./bot.js` that docs/production.md's blocks import: a bot exported as `myBot`. */
const PRODUCTION_BOT = `import type { Observable } from 'rxjs';
import { type Api, type Update, ofType } from 'tamtam-rx';

export const myBot = (_api: Api, updates$: Observable<Update>): Observable<unknown> =>
  updates$.pipe(ofType('message_created'));
`;

/** Every ```ts block of a Markdown text. */
function markdownBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

/** The README's ```ts block that starts with `// <name>`, under the heading `heading`. */
function readmeBlock(heading: string, name: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}`);
  if (start < 0) throw new Error(`README has no heading "${heading}"`);
  const end = readme.indexOf('\n## ', start + 1);
  const block = markdownBlocks(readme.slice(start, end < 0 ? undefined : end)).find((b) =>
    b.startsWith(`// ${name}\n`),
  );
  if (block === undefined) throw new Error(`README has no ts block starting with "// ${name}" under "${heading}"`);
  return block;
}
