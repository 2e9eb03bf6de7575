import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import { JsonObject } from '../../src/emulator/http/json-body';
import { Router } from '../../src/emulator/http/router';
import { parseHtml } from '../../src/emulator/state/markup/html';
import { call, control, start } from '../emulator/helpers';

/** Names every plain object answers through its prototype. */
const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'valueOf',
  'toString',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupGetter__',
];

describe('emulator control routes look names up as own properties only', () => {
  it.each(PROTOTYPE_NAMES)('GET /_emulator/inspect/%s is a clear 404, and never shows the token', async (name) => {
    const emulator = await start();
    const res = await control(emulator, 'GET', `/inspect/${encodeURIComponent(name)}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      code: 'not.found',
      message: expect.stringContaining(`Unknown inspection ${JSON.stringify(name)}`),
    });
    expect(res.body.message).toContain('sent-messages');
    expect(res.text).not.toContain(emulator.token);
  });

  it.each(PROTOTYPE_NAMES)('POST /_emulator/users/<id>/%s is a clear 404', async (name) => {
    const emulator = await start();
    const res = await control(emulator, 'POST', `/users/${ids.alice}/${encodeURIComponent(name)}`, {});
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      code: 'not.found',
      message: expect.stringContaining(`Unknown user action ${JSON.stringify(name)}`),
    });
    expect(res.text).not.toContain(emulator.token);
  });

  it('known inspections and actions still work, and the route list still names them', async () => {
    const emulator = await start();
    expect((await control(emulator, 'GET', '/inspect/sent-messages')).status).toBe(200);
    expect((await control(emulator, 'POST', `/users/${ids.alice}/send`, { text: 'hi' })).status).toBe(200);
    const routes: string[] = (await control(emulator, 'GET', '')).body.routes;
    expect(routes).toContain('POST /_emulator/users/:userId/send');
    expect(routes).toContain('GET /_emulator/inspect/requests');
  });

  it('fault settings named like prototype members are ignored, not read from Object.prototype', async () => {
    const emulator = await start();
    const res = await control(
      emulator,
      'PUT',
      '/faults',
      JSON.parse('{"__proto__": {"latencyMs": 5000}, "constructor": 1}'),
    );
    expect(res.status).toBe(200);
    expect(emulator.faults.get().latencyMs).not.toBe(5000);
    await control(emulator, 'DELETE', '/faults');
  });
});

describe('emulator lookups by names that come from input', () => {
  it('JsonObject reads own fields only', () => {
    const inherited = JsonObject.of(Object.create({ text: 'inherited', flag: true }) as object, 'body');
    expect(inherited.string('text')).toBeUndefined();
    expect(inherited.has('flag')).toBe(false);
    expect(inherited.get('constructor')).toBeUndefined();
    expect(JsonObject.of({ text: 'own' }, 'body').string('text')).toBe('own');
  });

  it('the router finds no handler under a method named like a prototype member', () => {
    const router = new Router<() => string>().add('/x', { GET: () => 'get' });
    expect(router.match('toString', '/x')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
    expect(router.match('constructor', '/x').kind).toBe('method-not-allowed');
    expect(router.match('GET', '/x').kind).toBe('found');
  });

  it('HTML markup: <constructor> is no tag and &valueOf; no entity', () => {
    expect(parseHtml('<constructor>a</constructor> <toString>b</toString> &valueOf; &constructor; &amp;')).toEqual({
      text: 'a b &valueOf; &constructor; &',
      markup: [],
    });
  });

  it('a bot message in HTML with such names is stored as written, over HTTP', async () => {
    const emulator = await start();
    const sent = await call(emulator, 'POST', '/messages', {
      query: { chat_id: ids.dialogWithAlice },
      body: { text: '<constructor>x</constructor> &hasOwnProperty;', format: 'html' },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.message.body.text).toBe('x &hasOwnProperty;');
    expect(sent.body.message.body.markup ?? []).toEqual([]);
  });
});
