import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createApi, type RequestSpec } from '../../src/api/index';

const getMe: RequestSpec<'getMyInfo'> = { operation: 'getMyInfo', method: 'GET', path: '/me' };

/** A fetch that answers `status` with `body` at once and remembers the signal it was given. */
function recordingFetch(status: number, body: string): { fetch: typeof fetch; signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  const fake = (async (input: RequestInfo | URL) => {
    if (input instanceof Request) signals.push(input.signal);
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetch: fake, signals };
}

describe('a finished request is not aborted afterwards', () => {
  it('after a successful answer the request signal stays unaborted (no AbortError is built per call)', async () => {
    const { fetch, signals } = recordingFetch(200, '{"user_id":1}');
    const api = createApi({ token: 't', baseUrl: 'http://127.0.0.1:9', fetch, retry: false });
    await expect(firstValueFrom(api.request(getMe))).resolves.toEqual({ user_id: 1 });
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(false);
  });

  it('after an error answer the request signal stays unaborted too', async () => {
    const { fetch, signals } = recordingFetch(404, '{"code":"not.found","message":"no"}');
    const api = createApi({ token: 't', baseUrl: 'http://127.0.0.1:9', fetch, retry: false });
    await expect(firstValueFrom(api.request(getMe))).rejects.toMatchObject({ status: 404 });
    expect(signals[0]?.aborted).toBe(false);
  });

  it('unsubscribing while the answer is pending still aborts', async () => {
    const signals: AbortSignal[] = [];
    const hanging = ((input: RequestInfo | URL) => {
      if (input instanceof Request) signals.push(input.signal);
      return new Promise<Response>(() => {});
    }) as typeof fetch;
    const api = createApi({ token: 't', baseUrl: 'http://127.0.0.1:9', fetch: hanging, retry: false });
    const subscription = api.request(getMe).subscribe({ error: () => {} });
    await new Promise((resolve) => setTimeout(resolve, 5));
    subscription.unsubscribe();
    expect(signals[0]?.aborted).toBe(true);
  });
});
