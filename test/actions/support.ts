/**
 * Shared plumbing of the action wire tests: a loopback server and an api pointed at it,
 * assertions on what went over the wire, and guard checks.
 */
import { type Observable, firstValueFrom, lastValueFrom } from 'rxjs';
import { afterEach, beforeEach, expect } from 'vitest';
import { API_VERSION, createApi, type Api } from '../../src/api/index';
import { startLoopbackServer, type LoopbackServer, type RecordedRequest } from '../helpers/loopback-server';

/** The token every wire test uses; it must show up as `access_token` and nowhere else. */
export const TOKEN = 'wire-token-7c1d9e';

/** A loopback server and an api talking to it (fresh for every test). */
export interface Wire {
  readonly server: LoopbackServer;
  readonly api: Api;
}

/**
 * Registers beforeEach/afterEach hooks that start a loopback server and an api with fast,
 * deterministic retries; read `wire.server` / `wire.api` inside tests.
 *
 * @example
 * const wire = useWire();
 * it('…', async () => { await run(getMyInfo(wire.api)); });
 */
export function useWire(): Wire {
  let server: LoopbackServer | undefined;
  let api: Api | undefined;
  beforeEach(async () => {
    server = await startLoopbackServer();
    api = createApi({ token: TOKEN, baseUrl: server.url, retry: { initialDelay: 5, jitter: 0 } });
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    api = undefined;
  });
  return {
    get server() {
      if (server === undefined) throw new Error('useWire: the server only exists inside a test');
      return server;
    },
    get api() {
      if (api === undefined) throw new Error('useWire: the api only exists inside a test');
      return api;
    },
  };
}

/**
 * Subscribes once and resolves with the single value, insisting the Observable emits exactly
 * once and completes; rejects with the Observable's error.
 *
 * @example
 * const me = await run(getMyInfo(api));
 */
export function run<T>(observable: Observable<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const values: T[] = [];
    observable.subscribe({
      next: (value) => values.push(value),
      error: reject,
      complete: () => {
        if (values.length === 1) resolve(values[0] as T);
        else reject(new Error(`expected exactly one value, got ${values.length}`));
      },
    });
  });
}

/**
 * The error a call fails with; fails the test when the call succeeds.
 *
 * @example
 * const error = await failureOf(deleteMessage(api, 'mid.1'));
 */
export async function failureOf(observable: Observable<unknown>): Promise<Error> {
  try {
    await lastValueFrom(observable);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

/** What one request must look like on the wire. */
export interface ExpectedRequest {
  readonly method: string;
  readonly path: string;
  /** Query besides `access_token` and `v` (added by the assertion). Default none. */
  readonly query?: Record<string, string>;
  /** JSON body; `undefined` means no body at all. */
  readonly json?: unknown;
}

/**
 * Asserts the exact method, path, full query (token and version included) and JSON body.
 *
 * @example
 * expectRequest(server.requests[0], { method: 'GET', path: '/me' });
 */
export function expectRequest(seen: RecordedRequest | undefined, expected: ExpectedRequest): void {
  expect(seen, 'no request reached the server').toBeDefined();
  expect(seen?.method).toBe(expected.method);
  expect(seen?.path).toBe(expected.path);
  expect(seen?.query).toEqual({ ...expected.query, v: API_VERSION, access_token: TOKEN });
  if (expected.json === undefined) {
    expect(seen?.body).toBe('');
  } else {
    expect(seen?.headers['content-type']).toMatch(/^application\/json/);
    expect(seen?.json).toEqual(expected.json);
  }
}

/**
 * Asserts the server saw exactly one request, shaped like `expected`.
 *
 * @example
 * expectOnlyRequest(server, { method: 'DELETE', path: '/messages', query: { message_id: 'mid.1' } });
 */
export function expectOnlyRequest(server: LoopbackServer, expected: ExpectedRequest): void {
  expect(server.requests).toHaveLength(1);
  expectRequest(server.requests[0], expected);
}

/**
 * Asserts that every call fails with a TypeError whose message matches its pattern (which
 * should name the operation and the parameter), and that nothing reached the server.
 *
 * @example
 * await expectGuards(server, [[getChat(api, 1.5), /^getChat: chatId must be an integer/]]);
 */
export async function expectGuards(
  server: LoopbackServer,
  cases: readonly (readonly [Observable<unknown>, RegExp])[],
): Promise<void> {
  for (const [call, pattern] of cases) {
    const error = await failureOf(call);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(pattern);
  }
  await new Promise((resolve) => setTimeout(resolve, 20)); // a stray request would land by now
  expect(server.requests).toEqual([]);
}

/**
 * Asserts actions are cold: creating the Observables sends nothing; subscribing each one
 * sends exactly one request.
 *
 * @example
 * await expectCold(server, [getMyInfo(api), editMyInfo(api, { name: 'x' })]);
 */
export async function expectCold(server: LoopbackServer, calls: readonly Observable<unknown>[]): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(server.requests).toHaveLength(0);
  for (const [index, call] of calls.entries()) {
    await firstValueFrom(call);
    expect(server.requests).toHaveLength(index + 1);
  }
}
