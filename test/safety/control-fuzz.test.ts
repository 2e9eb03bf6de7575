import { request } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import type { Emulator } from '../../src/emulator';
import { call, control, start } from '../emulator/helpers';

interface Raw {
  status: number;
  contentType: string;
  text: string;
}

function raw(emulator: Emulator, method: string, path: string, body: string | undefined): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers =
      body === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    const req = request(`${emulator.url}${path}`, { method, agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Names a plain object answers through its prototype: the lookups this fuzz is after. */
const prototypeName = fc.constantFrom(
  '__proto__',
  'constructor',
  'valueOf',
  'toString',
  'hasOwnProperty',
  '__defineSetter__',
  'prototype',
);
const knownName = fc.constantFrom(
  'send',
  'edit',
  'delete',
  'press',
  'start',
  'stop',
  'add-bot',
  'remove-bot',
  'add-user',
  'remove-user',
  'join',
  'leave',
  'rename',
  'open-constructor',
  'constructor-input',
  'post-constructed',
  'sent-messages',
  'callback-answers',
  'constructor-answers',
  'pins',
  'actions',
  'removed-messages',
  'webhook-deliveries',
  'pending-updates',
  'requests',
  'stats',
  'chats',
  'messages',
  'members',
);
const segment = fc.oneof(
  { arbitrary: prototypeName, weight: 4 },
  { arbitrary: knownName, weight: 2 },
  fc.constantFrom(
    String(ids.alice),
    String(ids.bob),
    String(ids.group),
    String(ids.dialogWithAlice),
    '-1',
    '0',
    '99999999999999999999',
  ),
  fc.integer().map(String),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom('%zz', '..', '', '%00'),
);
const templates = [
  '',
  '/state',
  '/users',
  '/users/:s',
  '/users/:s/chats',
  '/users/:s/:s',
  '/chats',
  '/chats/:s',
  '/chats/:s/messages',
  '/chats/:s/members',
  '/dialogs/:s',
  '/inspect/:s',
  '/faults',
  '/faults/stats',
  '/updates',
  '/subscriptions',
  '/:s',
  '/:s/:s',
];
/** The routes that look a name up get more of the runs. */
const template = fc.oneof(
  { arbitrary: fc.constantFrom('/inspect/:s', '/users/:s/:s'), weight: 2 },
  { arbitrary: fc.constantFrom(...templates), weight: 3 },
);
/** A user id first, so `/users/:userId/:action` is reached. */
const userFirst = fc.constantFrom(String(ids.alice), String(ids.bob));
const controlPath = fc
  .tuple(template, fc.oneof(userFirst, segment), segment)
  .map(([template, a, b]) => `/_emulator${template.replace(':s', a).replace(':s', b)}`)
  // the web page and its event stream are not JSON (and the stream never ends)
  .filter((path) => !/^\/_emulator\/(ui|events)\/?$/.test(path));

/** Keys the control bodies read, plus prototype names, with values of every JSON kind. */
const fieldName = fc.oneof(
  fc.constantFrom(
    'name',
    'userId',
    'username',
    'chatId',
    'text',
    'format',
    'attachments',
    'replyTo',
    'forward',
    'messageId',
    'payload',
    'location',
    'admin',
    'title',
    'type',
    'ownerId',
    'memberIds',
    'adminIds',
    'bot',
    'sessionId',
    'update_type',
    'latencyMs',
    'rateLimit',
    'burst503',
    'seed',
    'dropConnectionProbability',
    'malformedBodyProbability',
    'permissions',
    'isPublic',
    'link',
  ),
  prototypeName,
  fc.string({ maxLength: 8 }),
);
const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(ids.alice, ids.group, ids.dialogWithAlice, 'chat', 'channel', 'html', 'markdown'),
  fc.dictionary(fc.oneof(prototypeName, fc.string({ maxLength: 6 })), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);
const objectBody = fc.dictionary(fieldName, fieldValue, { maxKeys: 6 }).map((o) => JSON.stringify(o));
const body = fc.oneof(
  fc.constant(undefined),
  objectBody,
  // JSON.stringify drops a `__proto__` key made by fc.dictionary; write one by hand too
  fc.tuple(prototypeName, fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => `{${JSON.stringify(k)}:${JSON.stringify(v)}}`),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 40 }),
);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH');

describe('fuzz: the control API answers every request with well-formed JSON, never 500, never the token', () => {
  it('random control paths (names from the URL include prototype members) and bodies', async () => {
    const emulator = await start();
    await fc.assert(
      fc.asyncProperty(method, controlPath, body, async (m, path, b) => {
        const res = await raw(emulator, m, path, b);
        expect(res.status, `${m} ${path} ${b ?? ''}`).not.toBe(500);
        expect(res.text, `${m} ${path}`).not.toContain(emulator.token);
        expect(res.contentType, `${m} ${path}`).toMatch(/^application\/json/);
        const json: unknown = JSON.parse(res.text);
        if (res.status >= 400) {
          expect(json, `${m} ${path}`).toEqual({ code: expect.any(String), message: expect.any(String) });
        } else {
          expect(res.status).toBe(200);
        }
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 200), seed: Number(process.env['FUZZ_SEED'] ?? 20261201) },
    );
    await control(emulator, 'DELETE', '/faults');
    expect((await call(emulator, 'GET', '/me')).status).toBe(200);
    expect((await control(emulator, 'GET', '/state')).status).toBe(200);
  });
});
