import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebhookServer, listen } from '../../../src/node/index';
import { classifyUpdate } from '../../../src/sources/classify-update';
import { WEBHOOK_REJECTIONS, type Webhook, webhook } from '../../../src/sources/webhook/index';
import { UPDATE_TYPES, type Update } from '../../../src/types';
import { sampleUpdates } from '../../fixtures/updates';

const allowed = new Set<number>([200, ...Object.values(WEBHOOK_REJECTIONS)]);

let hook: Webhook;
let seen: Update[];
beforeAll(() => {
  hook = webhook({ secret: 'fuzz', onUnknownUpdate: () => {}, maxBodyBytes: 4_096 });
  seen = [];
  hook.updates$.subscribe((u) => seen.push(u));
});
afterAll(() => hook.stop());

/** Any JSON-ish value, sometimes shaped like an update (known or unknown type, fields of any kind). */
const updateLike = fc.record(
  {
    update_type: fc.oneof(
      fc.constantFrom(...UPDATE_TYPES, '__proto__', 'constructor', ''),
      fc.string(),
      fc.integer(),
      fc.constant(null),
    ),
    timestamp: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
    message: fc.oneof(fc.constant(null), fc.object(), fc.record({ body: fc.anything(), recipient: fc.anything() })),
    chat_id: fc.anything(),
    user: fc.anything(),
    callback: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('webhook fuzz: random input never crashes and always gets a defined answer', () => {
  it('random bodies (text, bytes, JSON values, update-like objects) through the core handler', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 5_000 }),
          fc.json(),
          fc.anything(),
          updateLike,
          updateLike.map((value) => JSON.stringify(value)),
        ),
        fc.constantFrom('POST', 'GET', 'post', 'PATCH', ''),
        fc.oneof(fc.constant('/fuzz'), fc.webPath(), fc.string()),
        async (body, method, url) => {
          const answer = await hook.handle({ method, url, headers: { 'x-tamtam-webhook-secret': 'fuzz' }, body });
          expect(allowed.has(answer.status)).toBe(true);
          expect(answer.status).not.toBe(500);
          expect(JSON.parse(JSON.stringify(answer.body))).toEqual(answer.body);
        },
      ),
      { numRuns: 400 },
    );
    // 400 runs are CPU work: generous on a busy machine (two cores shared with other test files)
  }, 90_000);

  it('a sample of every type, with one random field replaced, never yields 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...UPDATE_TYPES), fc.string(), fc.anything(), async (type, key, value) => {
        const body = { ...(sampleUpdates[type] as object), [key]: value };
        const answer = await hook.handle({ method: 'POST', url: '/fuzz', headers: {}, body: JSON.stringify(body) });
        expect([200, 400, 401, 413]).toContain(answer.status);
      }),
      { numRuns: 200 },
    );
  });

  it('every update that reaches updates$ has a known type and the fields its type needs', () => {
    expect(seen.length).toBeGreaterThan(0);
    for (const update of seen) {
      expect(UPDATE_TYPES).toContain(update.update_type);
      expect(typeof update.timestamp).toBe('number');
      expect(classifyUpdate(update).kind).toBe('known');
    }
  });
});

describe('webhook fuzz over real HTTP', () => {
  let server: WebhookServer;
  let open: Webhook;
  beforeAll(async () => {
    open = webhook({ onUnknownUpdate: () => {}, maxBodyBytes: 2_048 });
    open.updates$.subscribe();
    server = await listen(open, 0, '127.0.0.1');
  });
  afterAll(() => open.stop());

  it('random bodies and content types are answered, and the server keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 3_000 }),
          fc.uint8Array({ maxLength: 3_000 }),
          fc.json().map((j) => j),
        ),
        fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', ''),
        async (body, contentType) => {
          const response = await fetch(`${server.url}/any`, {
            method: 'POST',
            body: body instanceof Uint8Array ? new Uint8Array(body) : body,
            headers: contentType === '' ? {} : { 'content-type': contentType },
            signal: AbortSignal.timeout(5_000),
          });
          await response.arrayBuffer();
          expect([200, 400, 413, 415]).toContain(response.status); // 415: a content type that is not JSON
        },
      ),
      { numRuns: 60 },
    );
    const health = await fetch(server.url, { method: 'POST', body: JSON.stringify(sampleUpdates.bot_started) });
    expect(health.status).toBe(200);
  });
});
