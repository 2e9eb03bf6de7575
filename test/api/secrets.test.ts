import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  TamTamApiError,
  TamTamError,
  TamTamNetworkError,
  TamTamResponseError,
  createApi,
  type RequestSpec,
  type RetryInfo,
} from '../../src/api/index';
import { redact, redactError, secretForms } from '../../src/api/redact';

/** A token with characters that URL encoding changes, so the encoded form must be masked too. */
const TOKEN = 'tok3n/Secret+Value=9f2c';
const getMe: RequestSpec = { operation: 'getMyInfo', method: 'GET', path: '/me' };

/** Answers every request with what `respond` says; the request URL (with the token) is at hand. */
let answer: (url: string, res: import('node:http').ServerResponse) => void;
let server: Server;
let baseUrl: string;
beforeEach(async () => {
  server = createServer((req, res) => answer(req.url ?? '/', res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

/** The token as it appears raw and URL-encoded in a query string. */
const TOKEN_FORMS = [TOKEN, encodeURIComponent(TOKEN), new URLSearchParams({ t: TOKEN }).toString().slice(2)];

/** Every way an error is commonly shown, none of which may contain any spelling of the token. */
function expectNoToken(value: unknown): void {
  const shown = [
    inspect(value, { depth: Infinity, showHidden: true }),
    inspect(value, { depth: Infinity }),
    String(value),
  ];
  if (value instanceof Error) shown.push(value.message, value.stack ?? '');
  try {
    shown.push(JSON.stringify(value) ?? '');
  } catch {
    // cyclic: nothing to show this way
  }
  for (const text of shown) {
    for (const form of TOKEN_FORMS) expect(text).not.toContain(form);
  }
}

describe('secrets: the token never leaks through an error (query mode)', () => {
  it("redacts Node fetch's nested cause when a redirect Location is malformed (input/base hold the URL)", async () => {
    answer = (url, res) => {
      res.writeHead(302, { location: `http://[bad${url}` });
      res.end();
    };
    const api = createApi({ token: TOKEN, baseUrl, retry: false });
    const error = await failureOf(firstValueFrom(api.request(getMe)));
    expect(error).toBeInstanceOf(TamTamNetworkError);
    expect(error.message).toContain('Invalid URL');
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(inspect(error, { depth: Infinity })).toContain('access_token=***');
    expectNoToken(error);
  });

  it('redacts a custom fetch error whose cause chain (and AggregateError) mentions the URL at any depth', async () => {
    const leaky: typeof fetch = async (input) => {
      const url = input instanceof Request ? input.url : String(input);
      const innermost = Object.assign(new Error(`socket for ${url} reset`), {
        url,
        request: new Request(url),
        target: new URL(url),
      });
      const aggregate = new AggregateError([new Error(`try 1 ${url}`), innermost], 'all attempts failed');
      const middle = new Error('connect failed', { cause: aggregate });
      throw new TypeError('fetch failed', { cause: { detail: { attempts: [middle] }, at: url } });
    };
    const api = createApi({ token: TOKEN, baseUrl, fetch: leaky, retry: false });
    const error = await failureOf(firstValueFrom(api.request(getMe)));
    expect(error).toBeInstanceOf(TamTamNetworkError);
    const shown = inspect(error, { depth: Infinity });
    expect(shown).toContain('all attempts failed');
    expect(shown).toContain('socket for');
    expectNoToken(error);
    // the copies keep their classes
    const middle = (error.cause as { cause: { detail: { attempts: Error[] } } }).cause.detail.attempts[0];
    expect(middle).toBeInstanceOf(Error);
    expect(middle?.cause).toBeInstanceOf(AggregateError);
  });

  it('header mode: a custom fetch error holding the Request (whose Authorization header inspect shows) is redacted', async () => {
    const leaky: typeof fetch = async (input) => {
      throw Object.assign(new Error('upstream refused'), { request: input });
    };
    const api = createApi({ token: TOKEN, baseUrl, fetch: leaky, retry: false, tokenIn: 'header' });
    const error = await failureOf(firstValueFrom(api.request(getMe)));
    expect(error).toBeInstanceOf(TamTamNetworkError);
    expect(inspect(error, { depth: Infinity })).toContain('upstream refused');
    expectNoToken(error);
  });

  it('redacts a 404 whose JSON message echoes the request URL (description and message)', async () => {
    answer = (url, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'not.found', message: `No route for GET ${url}` }));
    };
    const api = createApi({ token: TOKEN, baseUrl, retry: false });
    const error = await failureOf(firstValueFrom(api.request(getMe)));
    expect(error).toBeInstanceOf(TamTamApiError);
    expect(error).toMatchObject({ status: 404, code: 'not.found', path: '/me' });
    expect((error as TamTamApiError).description).toMatch(/^No route for GET \/me\?.*access_token=\*\*\*/);
    expectNoToken(error);
  });

  it('redacts a 404 whose non-JSON body quotes the request URL', async () => {
    answer = (url, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end(`<h1>Not found: ${url}</h1>`);
    };
    const error = await failureOf(firstValueFrom(createApi({ token: TOKEN, baseUrl, retry: false }).request(getMe)));
    expect(error).toBeInstanceOf(TamTamApiError);
    expect((error as TamTamApiError).description).toContain('Not found');
    expectNoToken(error);
  });

  it('redacts a non-JSON 200 whose body quotes the request URL (message and bodySnippet)', async () => {
    answer = (url, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`proxy says hello to ${url}`);
    };
    const error = await failureOf(firstValueFrom(createApi({ token: TOKEN, baseUrl, retry: false }).request(getMe)));
    expect(error).toBeInstanceOf(TamTamResponseError);
    expect((error as TamTamResponseError).bodySnippet).toContain('proxy says hello');
    expectNoToken(error);
  });

  it('keeps the token out of onRetry payloads (network error and echoing 503)', async () => {
    let calls = 0;
    answer = (url, res) => {
      calls += 1;
      if (calls === 1) {
        res.writeHead(302, { location: `http://[bad${url}` });
        res.end();
      } else if (calls === 2) {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end(JSON.stringify({ code: 'service.unavailable', message: `busy: ${url}` }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"user_id":1}');
      }
    };
    const retries: RetryInfo[] = [];
    const api = createApi({
      token: TOKEN,
      baseUrl,
      retry: { jitter: 0, initialDelay: 1, onRetry: (info) => retries.push(info) },
    });
    expect(await firstValueFrom(api.request(getMe))).toEqual({ user_id: 1 });
    expect(retries.map((r) => r.error.name)).toEqual(['TamTamNetworkError', 'TamTamApiError']);
    for (const info of retries) expectNoToken(info);
  });
});

describe('redactError', () => {
  it('knows the spellings of a token in a URL', () => {
    expect(secretForms(TOKEN)).toEqual(expect.arrayContaining(TOKEN_FORMS));
    expect(TOKEN_FORMS).toContain('tok3n%2FSecret%2BValue%3D9f2c');
  });

  it('returns the very same error when nothing mentions the secret', () => {
    const error = new Error('plain', { cause: new Error('inner') });
    expect(redactError(error, 'zq-hidden-7')).toBe(error);
  });

  it('copies a leaking error keeping prototype, name and own fields, and survives cycles', () => {
    const error = new TamTamError('failed at /me?access_token=s3cr3t', {
      operation: 'getMyInfo',
      method: 'GET',
      path: '/me',
    });
    const loop: Record<string, unknown> = { note: 's3cr3t' };
    loop['self'] = loop;
    Object.assign(error, { extra: loop });
    const safe = redactError(error, 's3cr3t');
    expect(safe).not.toBe(error);
    expect(safe).toBeInstanceOf(TamTamError);
    expect(safe).toMatchObject({
      name: 'TamTamError',
      operation: 'getMyInfo',
      message: 'failed at /me?access_token=***',
    });
    expect(inspect(safe, { depth: Infinity })).not.toContain('s3cr3t');
  });

  it('redacts inside Headers, Maps and Sets (whose content inspect shows)', () => {
    const error = Object.assign(new Error('request failed'), {
      headers: new Headers({ authorization: 'Bearer s3cr3t-token' }),
      attempts: new Map([['https://x/?access_token=s3cr3t-token', 1]]),
      seen: new Set(['s3cr3t-token']),
    });
    const safe = redactError(error, 's3cr3t-token');
    expect(inspect(safe, { depth: Infinity, showHidden: true })).not.toContain('s3cr3t-token');
    expect(safe.headers).toBeInstanceOf(Headers);
    expect(safe.headers.get('authorization')).toBe('Bearer ***');
    expect([...safe.attempts.keys()]).toEqual(['https://x/?access_token=***']);
    expect([...safe.seen]).toEqual(['***']);
  });

  it('redacts raw and URL-encoded forms in plain text', () => {
    expect(redact('a=key 12&b=key+12&c=key%2012', 'key 12')).toBe('a=***&b=***&c=***');
  });

  it('leaves secrets shorter than 6 characters alone (they occur by chance in ordinary words)', () => {
    expect(secretForms('t')).toEqual([]);
    expect(redact('the token', 't')).toBe('the token');
    const error = new Error('the token t');
    expect(redactError(error, 't')).toBe(error);
  });
});
