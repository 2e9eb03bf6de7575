import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { getMyInfo, getVideoAttachmentDetails } from '../../src/actions/index';
import {
  type Api,
  type MaxOperations,
  type TamTamOperations,
  MAX_DIALECT,
  TAMTAM_DIALECT,
  createApi,
  createDialectApi,
  resolveDialect,
} from '../../src/api/index';
import { resolveDialectFacts } from '../../src/api/dialect';
import { bundleOf } from '../helpers/bundle-of';
import { type LoopbackServer, startLoopbackServer } from '../helpers/loopback-server';

let server: LoopbackServer;
beforeEach(async () => {
  server = await startLoopbackServer();
});
afterEach(async () => {
  await server.close();
});

describe('createDialectApi(dialect, options): createApi for a Dialect value', () => {
  it('is the api of that dialect: its defaults, its token placement, its table', async () => {
    const max = createDialectApi(MAX_DIALECT, { token: 'max-secret-token', baseUrl: server.url });
    expectTypeOf(max).toEqualTypeOf<Api<MaxOperations>>();
    expect(max.dialect).toBe(MAX_DIALECT);
    await firstValueFrom(getMyInfo(max));
    expect(server.requests[0]!.headers.authorization).toBe('max-secret-token');
    expect(server.requests[0]!.query).toEqual({});
    server.queue({ body: { token: 'v', urls: {}, thumbnail: null, width: 1, height: 1, duration: 1 } });
    await firstValueFrom(getVideoAttachmentDetails(max, 'v'));
    expect(server.requests[1]!.path).toBe('/videos/v');

    const tamtam = createDialectApi(TAMTAM_DIALECT, { token: 'tamtam-token', baseUrl: server.url });
    expectTypeOf(tamtam).toEqualTypeOf<Api<TamTamOperations>>();
    await firstValueFrom(getMyInfo(tamtam));
    expect(server.requests[2]!.query).toEqual({ v: '0.5.6', access_token: 'tamtam-token' });
    expect(createDialectApi(MAX_DIALECT, { token: 't' }).baseUrl).toBe('https://platform-api2.max.ru');
  });

  it('checks its options as createApi does, naming itself', () => {
    expect(() => createDialectApi(TAMTAM_DIALECT, null as never)).toThrow(
      /createDialectApi needs an options object: createDialectApi\(dialect, \{ token \}\)/,
    );
    expect(() => createDialectApi(MAX_DIALECT, { token: ' ' })).toThrow(/createDialectApi: `token` is required/);
    // by value only: a name is refused, and the message does not offer one
    expect(() => createDialectApi('max' as never, { token: 't' })).toThrow(
      /createDialectApi: dialect must be a Dialect value \(TAMTAM_DIALECT, MAX_DIALECT or your own/,
    );
    expect(() => createApi({ token: 't', dialect: 5 as never })).toThrow(
      /createApi: dialect must be 'tamtam', 'max' or a Dialect value/,
    );
    expect(() => createDialectApi(MAX_DIALECT, { token: 't', tokenIn: 'query' })).toThrow(
      /the Max Bot API does not accept the token in the query string/,
    );
    // createApi keeps its own names and order: the token before the dialect
    expect(() => createApi({ token: '', dialect: 'nope' as 'max' })).toThrow(/createApi: `token` is required/);
  });

  it('leaves the dialects it is not given out of a bundle, which createApi by name cannot', async () => {
    const bundle = (code: string) => bundleOf(`${code}\nexport { api };\n`);
    const byValue = await bundle(
      "import { TAMTAM_DIALECT, createDialectApi } from './src/index';\nconst api = createDialectApi(TAMTAM_DIALECT, { token: 't' });",
    );
    expect(byValue).toContain('/chats/{chatId}');
    for (const maxOnly of ['platform-api2.max.ru', '/videos/{videoToken}']) expect(byValue).not.toContain(maxOnly);
    // the check above can fail: the lookup by name carries both
    const byName = await bundle("import { createApi } from './src/index';\nconst api = createApi({ token: 't' });");
    for (const maxOnly of ['platform-api2.max.ru', '/videos/{videoToken}']) expect(byName).toContain(maxOnly);
  }, 30_000);
});

describe('the dialects by name, without their tables (what a webhook needs)', () => {
  it('are the facts of the Dialect values: name, update types, delivery', () => {
    for (const name of ['tamtam', 'max'] as const) {
      const facts = resolveDialectFacts(name);
      const dialect = resolveDialect(name);
      expect(facts).toEqual({ name: dialect.name, updateTypes: dialect.updateTypes, delivery: dialect.delivery });
      expect(facts.delivery).toBe(dialect.delivery);
    }
    expect(resolveDialectFacts(MAX_DIALECT)).toBe(MAX_DIALECT);
    expect(() => resolveDialectFacts('icq' as 'max')).toThrow(/unknown dialect "icq"; use 'tamtam', 'max'/);
  });

  it('keep the operation tables out of a webhook bundle, by name too', async () => {
    const webhookOnly = await bundleOf(
      "import { fetchWebhook } from './src/index';\nexport const a = fetchWebhook({ dialect: 'max' });\n",
    );
    expect(webhookOnly).toContain('X-Max-Bot-Api-Secret');
    for (const table of ['/chats/{chatId}', '/videos/{videoToken}']) expect(webhookOnly).not.toContain(table);
  }, 30_000);
});
