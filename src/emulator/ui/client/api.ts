/**
 * The page's client of the emulator's control API (`/_emulator/...`, same origin).
 */
import { isRecord } from './dom';

/** Where the control API lives, relative to the page's origin. */
export const API = '/_emulator';

/**
 * One control API call. Throws an `Error` with the emulator's message on a non-2xx answer.
 *
 * @example
 * const users = await api<User[]>('GET', '/users');
 */
export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const res = await fetch(API + path, init);
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const message =
      isRecord(data) && typeof data['message'] === 'string'
        ? data['message']
        : `The emulator answered HTTP ${res.status}`;
    throw new Error(message);
  }
  return data as T;
}
