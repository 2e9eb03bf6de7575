import { firstValueFrom } from 'rxjs';
import { describe, it } from 'vitest';
import { createApi } from '../../src/api/index';
import { DEFAULT_WORLD_IDS, startEmulator } from '../../src/emulator/index';
import { fromLongPolling, memoryMarkerStore, type MarkerStore, type PollingState } from '../../src/sources/index';
import { type FetchWebhook, ensureWebhook, fetchWebhook, webhook, type Webhook } from '../../src/sources/webhook/index';
import { type SourceContractHarness, updateSourceContract } from '../../src/testing/index';
import type { Update } from '../../src/types/index';
import { serveNode } from './webhook/helpers';

const textOf = (u: Update): string =>
  u.update_type === 'message_created' ? (u.message.body.text ?? '') : u.update_type;

/** A memory store that also remembers every update it ever held as pending (fetched from the server). */
function recordingStore(): MarkerStore & {
  readonly fetched: ReadonlySet<string>;
  readonly state: PollingState | undefined;
} {
  const store = memoryMarkerStore();
  const fetched = new Set<string>();
  return {
    fetched,
    get state() {
      return store.state;
    },
    load: () => store.load(),
    save: async (state) => {
      for (const update of state.pending) fetched.add(textOf(update));
      await store.save(state);
    },
  };
}

/**
 * Long polling on the emulator. Acknowledged: fetched (so committed on the server by the
 * next poll, the marker being saved) and no longer pending in the store.
 */
const longPolling: SourceContractHarness = {
  keyOf: textOf,
  unknownUpdates: true,
  async setUp() {
    const emulator = await startEmulator();
    const api = createApi({ token: emulator.token, baseUrl: emulator.url, retry: { initialDelay: 5, jitter: 0 } });
    const store = recordingStore();
    return {
      start: () =>
        fromLongPolling(api, {
          store,
          timeout: 1,
          limit: 20,
          backoff: { initialDelay: 5, backoffLimit: 20, jitter: 0 },
          onUnknownUpdate: () => {},
        }),
      feed: (keys) => {
        for (const key of keys) emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot(key);
      },
      acknowledged: () => {
        const pending = new Set((store.state?.pending ?? []).map(textOf));
        return [...store.fetched].filter((key) => !pending.has(key));
      },
      feedUnknown: (type) => emulator.updates.inject({ update_type: type, chat_id: 1 }),
      close: () => emulator.close(),
    };
  },
};

/**
 * A webhook with `ack: 'handled'` receiving the emulator's real deliveries (fast retries).
 * One loopback server forwards to the current webhook, so a restart keeps the subscribed URL.
 * Acknowledged: answered 200.
 */
const webhookHandled: SourceContractHarness = webhookHarness('node');

/**
 * The same with `fetchWebhook`, its `fetchHandler` behind a small node:http → `Request` adapter
 * (what @hono/node-server does).
 */
const fetchWebhookHandled: SourceContractHarness = webhookHarness('fetch');

function webhookHarness(adapter: 'node' | 'fetch'): SourceContractHarness {
  return {
    keyOf: textOf,
    unknownUpdates: true,
    async setUp() {
      const emulator = await startEmulator({ webhook: { retryDelayMs: 20, maxRetryDelayMs: 40, maxAttempts: 200 } });
      const api = createApi({ token: emulator.token, baseUrl: emulator.url, retry: false });
      let current: Webhook | FetchWebhook | undefined;
      const server = await serveNode((req, res) => {
        if (current === undefined) res.writeHead(503).end();
        else if ('nodeHandler' in current) void current.nodeHandler(req, res);
        else {
          const hook = current;
          const chunks: Buffer[] = [];
          req.on('data', (chunk: Buffer) => chunks.push(chunk));
          req.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(req.headers))
              if (typeof value === 'string') headers.set(name, value);
            const request = new Request(`http://localhost${req.url ?? '/'}`, {
              method: req.method ?? 'POST',
              headers,
              body: Buffer.concat(chunks),
            });
            void hook.fetchHandler(request).then(async (response) => {
              res.writeHead(response.status, Object.fromEntries(response.headers));
              res.end(Buffer.from(await response.arrayBuffer()));
            });
          });
        }
      });
      await firstValueFrom(ensureWebhook(api, `${server.url}/tamtam`));
      const options = { path: '/tamtam', ack: 'handled', ackTimeout: 60_000, onUnknownUpdate: () => {} } as const;
      return {
        start: () => (current = adapter === 'node' ? webhook(options) : fetchWebhook(options)),
        feed: (keys) => {
          for (const key of keys) emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot(key);
        },
        acknowledged: () =>
          emulator.inspect
            .webhookDeliveries()
            .filter((d) => d.ok)
            .map((d) => textOf(d.update as Update)),
        feedUnknown: (type) => emulator.updates.inject({ update_type: type, chat_id: 1 }),
        close: async () => {
          await emulator.close();
          await server.close();
        },
      };
    },
  };
}

describe('update source contract: long polling (emulator)', () => {
  for (const check of updateSourceContract(longPolling)) it(check.name, check.run, 20_000);
});

describe("update source contract: webhook with ack: 'handled' (emulator deliveries)", () => {
  for (const check of updateSourceContract(webhookHandled)) it(check.name, check.run, 20_000);
});

describe("update source contract: fetchWebhook with ack: 'handled' (emulator deliveries through fetchHandler)", () => {
  for (const check of updateSourceContract(fetchWebhookHandled)) it(check.name, check.run, 20_000);
});
