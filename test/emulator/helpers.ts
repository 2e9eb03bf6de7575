/**
 * Shared helpers of the emulator tests: start/stop and a tiny fetch wrapper.
 */
import { afterEach } from 'vitest';
import { startEmulator } from '../../src/emulator';
import type { Emulator, EmulatorOptions } from '../../src/emulator';
import { waitFor as kitWaitFor } from '../../src/testing';

export const TOKEN = 'test-token';

const running: Emulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** Starts an emulator with a fixed token; it is closed after the test. */
export async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator({ token: TOKEN, ...options });
  running.push(emulator);
  return emulator;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/**
 * Calls the emulator. `query` values are stringified; `body` is sent as JSON (a string is sent
 * as is). The token goes in the query unless `token: null` or `auth: 'header'`.
 */
export async function call<T = any>(
  emulator: Emulator,
  method: string,
  path: string,
  options: {
    query?: Record<string, string | number | boolean | undefined>;
    body?: unknown;
    token?: string | null;
    auth?: 'query' | 'header' | 'bearer';
    signal?: AbortSignal;
  } = {},
): Promise<CallResult<T>> {
  const url = new URL(path, emulator.url);
  for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  const token = options.token === undefined ? emulator.token : options.token;
  const headers: Record<string, string> = {};
  if (token !== null) {
    if (options.auth === 'header') headers['authorization'] = token;
    else if (options.auth === 'bearer') headers['authorization'] = `Bearer ${token}`;
    else url.searchParams.set('access_token', token);
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(url, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed as T, text, headers: res.headers };
}

/** Calls a control route (no token). */
export function control<T = any>(
  emulator: Emulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<CallResult<T>> {
  return call<T>(emulator, method, `/_emulator${path}`, { token: null, ...(body === undefined ? {} : { body }) });
}

/** The test kit's `waitFor`, checking every 5 ms until `condition()` is true; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  await kitWaitFor(condition, { timeout: timeoutMs, interval: 5 });
}
