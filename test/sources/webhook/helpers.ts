import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VirtualTimeScheduler, lastValueFrom } from 'rxjs';
import { getSubscriptions, subscribe } from '../../../src/actions/index';
import { type FakeApi, createFakeApi } from '../../../src/testing/index';
import { type Subscription, type SubscriptionRequestBody, UPDATE_TYPES } from '../../../src/types';
import { sampleUpdates } from '../../fixtures/updates';

/** A valid body for every known update type. */
export const validBodies = UPDATE_TYPES.map((type) => [type, JSON.stringify(sampleUpdates[type])] as const);

/** A body of a known type. */
export const createdBody = JSON.stringify(sampleUpdates.message_created);

/** An update of a type no version knows yet. */
export const unknownUpdate = { update_type: 'dialog_muted', timestamp: 1_717_245_296_123, chat_id: 81_234_567 };

/**
 * The test kit's fake api (whose subscriptions are the emulator's: subscribe adds or replaces
 * the URL's, unsubscribe removes it, getSubscriptions lists them) with `existing` already
 * subscribed; those set-up requests are forgotten.
 */
export async function subscriptionsApi(...existing: SubscriptionRequestBody[]): Promise<FakeApi> {
  const api = createFakeApi();
  for (const body of existing) await lastValueFrom(subscribe(api, body));
  api.clearRequests();
  return api;
}

/** The subscriptions a fake api holds now (read with a getSubscriptions request, which it records). */
export async function subscriptionsOf(api: FakeApi): Promise<Subscription[]> {
  return (await lastValueFrom(getSubscriptions(api))).subscriptions;
}

/** What a test client saw. */
export interface Reply {
  status: number;
  headers: Headers;
  json: unknown;
}

/** POSTs `body` (a string is sent as is, anything else as JSON) to `url`. */
export async function post(
  url: string,
  body: unknown,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const method = init.method ?? 'POST';
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    signal: AbortSignal.timeout(5_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

/** A node:http server on 127.0.0.1 with a free port. */
export interface TestServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1:0. */
export async function serveNode(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const server = createServer(handler);
  return started(server);
}

/** Starts `server` on 127.0.0.1:0 and returns a closer that also drops open connections. */
export async function started(server: Server): Promise<TestServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A virtual clock for code that mixes RxJS timers with promises (the webhook's `scheduler` option). */
export interface VirtualClock {
  /** Pass it as the webhook's `scheduler` and to the test's own timers. */
  readonly scheduler: VirtualTimeScheduler;
  /** Virtual ms since the start. */
  now(): number;
  /** Lets pending promise callbacks and I/O callbacks run (one macrotask turn). */
  settle(): Promise<void>;
  /** Moves virtual time `ms` ahead, running each due timer in order and settling promises between them. */
  advance(ms: number): Promise<void>;
}

/** A {@link VirtualClock} starting at 0. */
export function virtualClock(): VirtualClock {
  const scheduler = new VirtualTimeScheduler();
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return {
    scheduler,
    now: () => scheduler.now(),
    settle,
    async advance(ms) {
      const until = scheduler.frame + ms;
      for (;;) {
        await settle();
        const next = scheduler.actions[0];
        if (next === undefined || next.delay > until) break;
        scheduler.maxFrames = next.delay;
        scheduler.flush();
      }
      scheduler.frame = Math.max(scheduler.frame, until);
      await settle();
    },
  };
}
