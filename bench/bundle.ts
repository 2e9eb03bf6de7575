/**
 * Workload 6 — bundle size. esbuild (minified, ESM, rxjs and ky external, tree-shaken as in an
 * app) builds the core entry `src/index.ts` and a few apps — `ofType` alone, a long-polling echo
 * bot, an edge webhook bot — and, for reference, `createApi` alone (what every app that calls
 * the API pays); we report min+gzip bytes (gzip level 9) against the budgets. Sizes are
 * deterministic: one build each.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { type Plugin, build } from 'esbuild';
import { type ModuleCost, attribute, gzipWithoutStrings } from './lib/bundle-attribution';
import { runIfMain } from './lib/child';
import type { WorkloadRun } from './lib/result';
import { secondsSince } from './lib/rounds';
import { summarize } from './lib/stats';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Minified and min+gzip sizes of one bundle, bytes.
 *
 * @example
 * const { gzip } = await bundleSize({ entry: 'src/index.ts' });
 */
export interface BundleSize {
  readonly minified: number;
  readonly gzip: number;
  /** What each source module costs, most expensive first (see `bench/lib/bundle-attribution.ts`). */
  readonly modules: readonly ModuleCost[];
  /** Min+gzip bytes without the text of its string literals: the code alone (see `gzipWithoutStrings`). */
  readonly withoutStrings: number;
}

/**
 * The root entry built the way the package is published (`tsup.config.ts`: one ESM file per
 * entry, syntax minified, identifiers and pure annotations kept, rxjs and ky external). An app's
 * bundler sees this, not the sources: code that runs at the top level of a module (a call, a
 * `new`, a class that extends another) stays in every app that imports anything from the same
 * file, unless marked pure, whereas with the sources `sideEffects: false` drops whole modules.
 *
 * @example
 * const library = await publishedBuild();
 * await bundleSize({ code: OF_TYPE_APP }, library);
 */
export async function publishedBuild(): Promise<string> {
  const result = await build({
    entryPoints: [`${ROOT}src/index.ts`],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'node20',
    minifySyntax: true,
    // tsup minifies whitespace with terser, which keeps the pure annotations; esbuild's
    // minifyWhitespace would drop them, so whitespace stays (the app's own minify removes it)
    external: ['rxjs', 'ky', 'node:*'],
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild produced no output');
  return output.text;
}

/** Resolves the apps' `./src/index` to the text of a built library instead of the sources. */
function publishedLibrary(library: string): Plugin {
  return {
    name: 'published-build',
    setup(build) {
      build.onResolve({ filter: /^\.\/src\/index$/ }, () => ({ path: 'index.js', namespace: 'published' }));
      build.onLoad({ filter: /.*/, namespace: 'published' }, () => ({
        contents: library,
        loader: 'js',
        resolveDir: ROOT,
      }));
    },
  };
}

/**
 * Keeps rxjs and ky external the way an app's bundler treats them: both packages declare
 * `sideEffects: false`, so an import of them that the app never uses is dropped. esbuild cannot
 * read that from a package it does not resolve, and would keep each such import statement —
 * in the published build, where every module's imports sit at the top of one file, a dozen
 * `import … from "rxjs"` lines an ofType-only app does not use.
 */
const pureExternals: Plugin = {
  name: 'pure-externals',
  setup(build) {
    build.onResolve({ filter: /^(rxjs|ky)$/ }, ({ path }) => ({ path, external: true, sideEffects: false }));
  },
};

/**
 * Bundles a file of the repository, or a snippet of app code resolved from the repository root;
 * with `library` (see {@link publishedBuild}), the app's `./src/index` is that built file.
 *
 * @example
 * await bundleSize({ code: "import { ofType } from './src/index'; console.log(ofType('bot_started'));" });
 */
export async function bundleSize(
  input: { readonly entry: string } | { readonly code: string },
  library?: string,
): Promise<BundleSize> {
  const result = await build({
    plugins: library === undefined ? [pureExternals] : [pureExternals, publishedLibrary(library)],
    ...('entry' in input
      ? { entryPoints: [`${ROOT}${input.entry}`] }
      : { stdin: { contents: input.code, resolveDir: ROOT, loader: 'ts', sourcefile: 'app.ts' } }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    external: ['rxjs', 'ky', 'node:*'],
    write: false,
    logLevel: 'silent',
    // a separate map (not inlined in the measured code), used only to attribute the bytes
    sourcemap: 'external',
    outfile: `${ROOT}bundle.js`,
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const map = result.outputFiles.find((file) => file.path.endsWith('.js.map'));
  if (output === undefined || map === undefined) throw new Error('esbuild produced no output');
  return {
    minified: output.contents.byteLength,
    gzip: gzipSync(output.contents, { level: 9 }).byteLength,
    modules: attribute(output.text, JSON.parse(map.text) as { sources: string[]; mappings: string }),
    withoutStrings: gzipWithoutStrings(output.text),
  };
}

/**
 * What a module is in a bundle for: the guarantee or part of the library it serves. Modules of
 * one group are summed in the notes.
 *
 * @example
 * groupOf('src/api/redact.ts'); // 'token redaction'
 */
export function groupOf(module: string): string {
  const groups: readonly (readonly [RegExp, string])[] = [
    [
      /^src\/api\/(retry|retry-options|retry-after|errors\/rate-limit-error)\.ts$/,
      'retry (429/503, Retry-After, backoff)',
    ],
    [/^src\/api\/rate-limit\//, 'rate limiter (on by default)'],
    [/^src\/api\/(redact|to-tamtam-error|errors\/network-error)\.ts$/, 'token redaction'],
    [/^src\/api\/(read-response|errors\/.*)\.ts$/, 'deadline over the body, typed errors'],
    [
      /^src\/api\/(dialect|.*-operations|operation-table|operations|constants)\.ts$|^src\/types\//,
      'dialects (operation tables, update types)',
    ],
    [/^src\/api\/(request-spec|validate-input|query)\.ts$|^src\/actions\//, 'actions (request building, input checks)'],
    [/^src\/api\//, 'createApi (option checks, request pipeline)'],
    [/^src\/sources\/(classify-update|warn-unknown-update)\.ts$/, 'update checks (shared by both sources)'],
    [/^src\/sources\/webhook\/options\.ts$/, 'webhook options and their checks'],
    [
      /^src\/sources\/webhook\/(check-request|headers|secret|read-body|body-read|body-deadlines|answer)\.ts$/,
      'webhook request checks (secret, 405/404/401/413/415, body read with 408/400)',
    ],
    [/^src\/sources\/webhook\/(delivery|delivery-memory)\.ts$/, 'webhook delivery (ack, redelivery memory)'],
    [/^src\/sources\/webhook\/(handler|fetch-adapter|fetch-webhook)\.ts$/, 'webhook handlers (generic, fetch)'],
    [/^src\/sources\/webhook\//, 'webhook Node adapter and subscription management'],
    [/^src\/sources\//, 'long polling'],
    [/^src\/operators\/(per-chat|handler-error)\.ts$/, 'perChat (order per chat, holds, handler errors)'],
    [/^src\/operators\//, 'operators'],
    [/^src\/delivery\//, 'delivery tracking'],
  ];
  return groups.find(([pattern]) => pattern.test(module))?.[1] ?? 'other';
}

/** One line of notes: a bundle's cost by group, largest first, in marginal gzip bytes. */
function breakdown(name: string, size: BundleSize): string {
  const byGroup = new Map<string, number>();
  for (const { module, gzip } of size.modules) byGroup.set(groupOf(module), (byGroup.get(groupOf(module)) ?? 0) + gzip);
  const parts = [...byGroup].sort((a, b) => b[1] - a[1]).map(([group, bytes]) => `${group} ${bytes}`);
  return (
    `${name}, ${size.gzip} B min+gz (${size.withoutStrings} B without the text of its string literals); ` +
    `marginal gzip bytes by part: ${parts.join(', ')}.`
  );
}

/** The app of the second measurement: it imports `ofType` and nothing else. */
export const OF_TYPE_APP = "import { ofType } from './src/index';\nexport const created = ofType('message_created');\n";

/** A whole long-polling echo bot. */
export const ECHO_BOT_APP =
  "import { createApi, fromLongPolling, ofType, perChat, reply } from './src/index';\n" +
  "const api = createApi({ token: 'token' });\n" +
  "fromLongPolling(api).pipe(ofType('message_created'), perChat((u) => reply(api, u, 'hi'))).subscribe();\n";

/** An edge (Workers, Deno, Bun) webhook bot: `webhook().fetchHandler`, `ofType`, `reply`. */
export const EDGE_WEBHOOK_BOT_APP =
  "import { createApi, ofType, reply, webhook } from './src/index';\n" +
  "const api = createApi({ token: 'token' });\n" +
  'const hook = webhook();\n' +
  "hook.pipe(ofType('message_created')).subscribe((u) => reply(api, u, 'hi').subscribe());\n" +
  'export default { fetch: hook.fetchHandler };\n';

/** The same edge bot with `fetchWebhook`: the webhook without the Node adapter and subscription management. */
export const EDGE_FETCH_WEBHOOK_BOT_APP = EDGE_WEBHOOK_BOT_APP.replaceAll('webhook', 'fetchWebhook');

/**
 * The echo bot with its dialect by value (`createDialectApi(TAMTAM_DIALECT, …)`): without the
 * lookup by name, which carries the Max dialect and table.
 */
export const ECHO_BOT_BY_VALUE_APP = ECHO_BOT_APP.replace('createApi, ', 'TAMTAM_DIALECT, createDialectApi, ').replace(
  'createApi({',
  'createDialectApi(TAMTAM_DIALECT, {',
);

/** The fetchWebhook edge bot with its dialect by value, like {@link ECHO_BOT_BY_VALUE_APP}. */
export const EDGE_FETCH_WEBHOOK_BY_VALUE_APP = EDGE_FETCH_WEBHOOK_BOT_APP.replace(
  'createApi, ',
  'TAMTAM_DIALECT, createDialectApi, ',
).replace('createApi({', 'createDialectApi(TAMTAM_DIALECT, {');

/** For reference: `createApi` alone, what every app that calls the API pays. */
export const CREATE_API_APP =
  "import { createApi } from './src/index';\nexport const api = createApi({ token: 'token' });\n";

export const run: WorkloadRun = async () => {
  const started = performance.now();
  const core = await bundleSize({ entry: 'src/index.ts' });
  const app = await bundleSize({ code: OF_TYPE_APP });
  const echo = await bundleSize({ code: ECHO_BOT_APP });
  const edge = await bundleSize({ code: EDGE_WEBHOOK_BOT_APP });
  const edgeFetch = await bundleSize({ code: EDGE_FETCH_WEBHOOK_BOT_APP });
  const api = await bundleSize({ code: CREATE_API_APP });
  const echoByValue = await bundleSize({ code: ECHO_BOT_BY_VALUE_APP });
  const edgeFetchByValue = await bundleSize({ code: EDGE_FETCH_WEBHOOK_BY_VALUE_APP });
  const library = await publishedBuild();
  const publishedApp = await bundleSize({ code: OF_TYPE_APP }, library);
  const publishedEcho = await bundleSize({ code: ECHO_BOT_APP }, library);
  const publishedEdge = await bundleSize({ code: EDGE_WEBHOOK_BOT_APP }, library);
  const publishedEdgeFetch = await bundleSize({ code: EDGE_FETCH_WEBHOOK_BOT_APP }, library);
  const publishedApi = await bundleSize({ code: CREATE_API_APP }, library);
  const publishedEchoByValue = await bundleSize({ code: ECHO_BOT_BY_VALUE_APP }, library);
  const publishedEdgeFetchByValue = await bundleSize({ code: EDGE_FETCH_WEBHOOK_BY_VALUE_APP }, library);
  const kB = (bytes: number): number => bytes / 1000;
  const row = (id: string, workload: string, size: BundleSize, budget: number | null) => ({
    id,
    workload,
    metric: 'kB min+gz',
    subject: `${(size.minified / 1000).toFixed(1)} kB minified`,
    baseline: budget === null ? 'no budget (reference)' : `budget ${budget} kB`,
    subjectValues: summarize([kB(size.gzip)]),
    baselineValues: null,
    ratio: budget === null ? null : summarize([kB(size.gzip) / budget]),
    target: budget === null ? null : { on: 'value' as const, atMost: budget },
  });
  return {
    name: 'bundle',
    title: '6. Bundle size',
    config: {
      bundler: 'esbuild, minify, ESM, platform neutral, target es2022',
      external: ['rxjs', 'ky', 'node:*'],
      gzip: 'level 9',
      kB: '1000 bytes',
      publishedBuild:
        'src/index.ts as tsup publishes it (ESM, target node20, syntax+whitespace minified), then the app bundled against it',
    },
    comparisons: [
      row('6', 'Bundle: core ESM entry (src/index.ts)', core, 10),
      row('6', 'Bundle: app importing only ofType', app, 1.5),
      row('6', 'Bundle: long-polling echo bot (createApi, fromLongPolling, ofType, perChat, reply)', echo, 6),
      row('6', 'Bundle: edge webhook bot (createApi, webhook().fetchHandler, ofType, reply)', edge, 6),
      row(
        '6',
        'Bundle: edge webhook bot with fetchWebhook() (createApi, fetchWebhook().fetchHandler, ofType, reply)',
        edgeFetch,
        6,
      ),
      row('6', 'Bundle: echo bot with its dialect by value (createDialectApi(TAMTAM_DIALECT, …))', echoByValue, 6),
      row(
        '6',
        'Bundle: edge fetchWebhook() bot with its dialect by value (createDialectApi(TAMTAM_DIALECT, …))',
        edgeFetchByValue,
        6,
      ),
      row('6', 'Bundle: createApi alone (what every app calling the API pays)', api, null),
      row('6p', 'Bundle from the published build: app importing only ofType', publishedApp, 1.5),
      row('6p', 'Bundle from the published build: long-polling echo bot', publishedEcho, 6),
      row('6p', 'Bundle from the published build: edge webhook bot', publishedEdge, 6),
      row('6p', 'Bundle from the published build: edge webhook bot with fetchWebhook()', publishedEdgeFetch, 6),
      row('6p', 'Bundle from the published build: echo bot with its dialect by value', publishedEchoByValue, 6),
      row(
        '6p',
        'Bundle from the published build: edge fetchWebhook() bot with its dialect by value',
        publishedEdgeFetchByValue,
        6,
      ),
      row('6p', 'Bundle from the published build: createApi alone', publishedApi, null),
    ],
    notes: [
      'The core entry is the whole library (28 actions, 13 validated update types, long polling with persistence, webhook with adapters, ' +
        'operators, builders); about half of its minified bytes are string literals (error messages that say what was wrong and how to fix it). ' +
        'Apps pay only for what they import: see the ofType-only app and the bots.',
      'The 6p rows bundle the apps against the root entry built as it is published (one ESM file, see publishedBuild): there ' +
        "the sources' sideEffects:false cannot drop unused modules, only code marked pure can go; tsup keeps the pure annotations " +
        '(terser minifies whitespace after the tree-shaking pass), every top-level table, dialect, retry default, builder and frozen ' +
        'answer is built by a pure call, and nothing at the top level is built from another value, so the 6p rows match the source rows. ' +
        'rxjs and ky stay external as side-effect free (both declare sideEffects: false), as an app that bundles them sees them.',
      'The 6 kB bot budgets are below what the guarantees cost: the code of each bot without the text of any string literal (every ' +
        'message, name and path cut out) is still about twice the budget (the "without the text" figures below), and createApi alone is ' +
        'over 6 kB. Each line below gives a bundle by part, in marginal gzip bytes, each part named by what it pays for: dialects by name ' +
        '(createApi({ dialect: "max" }) must find the Max dialect, its table and update types at run time; an app that passes its ' +
        'dialect by value to createDialectApi carries only that one, see the by-value rows, and a webhook resolves a dialect by name ' +
        'without any table; a Dialect value carries its whole table, api.dialect.operations being public and read by call, the fake ' +
        'api and the emulator, so the 24 TamTam rows the echo bot never calls stay: 0.35 kB, measured once by cutting them out); the ' +
        'rate limiter, on by default; retry on 429/503 with Retry-After and a time bound; token redaction of every error at any depth; the deadline ' +
        'covering the body; option and input checks that name the problem; update checks (a body or poll item that is not an update is ' +
        'refused or reported, never emitted), shared by both sources; delivery tracking (holds, handled/abandoned, redelivery flags); ' +
        "the webhook's request checks (secret, 405/404/401/413/415, a body read bounded in size and time: 408/400), its delivery (ack " +
        'policy, the redelivery memory that flags a body sent again) and its generic handler (`handle`, a member of every webhook). ' +
        'webhook() also carries its Node adapter, serve and subscription management (members built with it): an edge app uses ' +
        'fetchWebhook(), whose bundle leaves them and the checks of the subscription options out.',
      breakdown('Echo bot', echo),
      breakdown('Edge webhook bot', edge),
      breakdown('Edge webhook bot with fetchWebhook()', edgeFetch),
      breakdown('Echo bot with its dialect by value', echoByValue),
      breakdown('Edge fetchWebhook() bot with its dialect by value', edgeFetchByValue),
      breakdown('createApi alone', api),
    ],
    seconds: secondsSince(started),
    // the 25 most expensive modules of each bundle (the core entry's full list is long)
    raw: Object.fromEntries(
      Object.entries({
        core,
        app,
        echo,
        edge,
        edgeFetch,
        echoByValue,
        edgeFetchByValue,
        api,
        publishedApp,
        publishedEcho,
        publishedEdge,
        publishedEdgeFetch,
        publishedEchoByValue,
        publishedEdgeFetchByValue,
        publishedApi,
      }).map(([name, size]) => [name, { ...size, modules: size.modules.slice(0, 25) }]),
    ),
  };
};

runIfMain(import.meta.url, run);
