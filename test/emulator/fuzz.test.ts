import { request } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import type { Emulator } from '../../src/emulator';
import { call, start } from './helpers';

interface Raw {
  status: number;
  contentType: string;
  text: string;
}

function raw(emulator: Emulator, method: string, path: string, body: string | undefined): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
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

const id = fc.oneof(
  fc.constantFrom(String(ids.group), String(ids.channel), String(ids.dialogWithAlice), 'emulator_lounge', '@alice'),
  fc.integer().map(String),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const templates = [
  '/me',
  '/chats',
  '/chats/:id',
  '/chats/:id/actions',
  '/chats/:id/pin',
  '/chats/:id/members',
  '/chats/:id/members/me',
  '/chats/:id/members/admins',
  '/subscriptions',
  '/uploads',
  '/messages',
  '/messages/:id',
  '/answers',
  '/answers/constructor',
  '/updates',
  '/_emulator',
  '/_emulator/users',
  '/_emulator/users/:id',
  '/_emulator/users/:id/:id',
  '/_emulator/chats',
  '/_emulator/chats/:id/messages',
  '/_emulator/inspect/:id',
  '/_emulator/updates',
  '/_upload/:id',
  '/_files/:id',
];
const knownPath = fc
  .tuple(fc.constantFrom(...templates), id, id)
  .map(([t, a, b]) => t.replace(':id', a).replace(':id', b));
const randomPath = fc
  .array(fc.oneof(fc.string({ maxLength: 8 }).map(encodeURIComponent), fc.constantFrom('%zz', '..', '', '%00', 'me')), {
    maxLength: 4,
  })
  .map((parts) => `/${parts.join('/')}`);
const paramNames = [
  'chat_id',
  'user_id',
  'message_id',
  'message_ids',
  'count',
  'marker',
  'limit',
  'types',
  'type',
  'callback_id',
  'session_id',
  'url',
  'from',
  'to',
  'block',
  'user_ids',
  'v',
  'disable_link_preview',
];
const query = fc.dictionary(
  fc.oneof(fc.constantFrom(...paramNames), fc.string({ maxLength: 6 })),
  fc.oneof(
    fc.integer().map(String),
    fc.string({ maxLength: 20 }),
    fc.constantFrom('null', 'true', '-1', '1,2', String(ids.alice)),
  ),
  { maxKeys: 4 },
);
const messageLike = fc.record(
  {
    text: fc.oneof(fc.string(), fc.constant(null), fc.integer()),
    attachments: fc.oneof(
      fc.constant(null),
      fc.array(
        fc.record(
          {
            type: fc.constantFrom('image', 'file', 'inline_keyboard', 'location', 'contact', 'sticker', 'share', 'x'),
            payload: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    ),
    link: fc.oneof(
      fc.constant(null),
      fc.record({ type: fc.constantFrom('reply', 'forward', 'x'), mid: fc.string() }, { requiredKeys: [] }),
    ),
    format: fc.constantFrom('markdown', 'html', 'x', undefined),
    notification: fc.string(),
    action: fc.constantFrom('typing_on', 'x'),
    message_id: fc.string(),
    user_ids: fc.array(fc.integer()),
    name: fc.string(),
    title: fc.string(),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 40 }),
  messageLike.map((v) => JSON.stringify(v)),
);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS');

describe('fuzz: any request gets a well-formed JSON answer and the server keeps serving', () => {
  it('answers garbage bytes with a JSON 400', async () => {
    const emulator = await start();
    const { connect } = await import('node:net');
    const url = new URL(emulator.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      code: 'bad.request',
      message: expect.any(String),
    });
    expect((await call(emulator, 'GET', '/me')).status).toBe(200);
  });

  it('random paths, params and bodies', async () => {
    const emulator = await start();
    await fc.assert(
      fc.asyncProperty(
        method,
        fc.oneof(knownPath, randomPath),
        query,
        body,
        fc.boolean(),
        async (m, path, q, b, withToken) => {
          if (path.startsWith('/subscriptions') && m === 'POST') return; // would make the emulator call out to random hosts
          if (path.startsWith('/_emulator/faults')) return; // would switch faults on for the rest of the run
          const params = new URLSearchParams(q);
          if (path.startsWith('/updates')) params.set('timeout', '0');
          if (withToken) params.set('access_token', emulator.token);
          const res = await raw(emulator, m, `${path}?${params}`, b);
          expect(res.status, `${m} ${path}`).not.toBe(500);
          if (m === 'HEAD' || path.startsWith('/_files/')) return;
          if (m === 'GET' && path === '/') {
            expect(res.status).toBe(302); // the redirect to the web chat page
            return;
          }
          expect(res.contentType).toMatch(/^application\/json/);
          const json: unknown = JSON.parse(res.text);
          if (res.status >= 400) {
            expect(json).toEqual({ code: expect.any(String), message: expect.any(String) });
          } else {
            expect(res.status).toBe(200);
            expect(typeof json).toBe('object');
            expect(json).not.toBeNull();
          }
        },
      ),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 200), seed: Number(process.env['FUZZ_SEED'] ?? 20240601) },
    );
    expect((await call(emulator, 'GET', '/me')).status).toBe(200);
    emulator.actAs(ids.alice).sendToBot('still alive');
    expect((await call(emulator, 'GET', '/updates', { query: { timeout: 0 } })).status).toBe(200);
  });
});
