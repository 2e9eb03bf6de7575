/**
 * One JSON POST with node:http(s), no connection pooling.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * POSTs `body` as JSON to `url` and resolves with the status code (the answer body is read and
 * discarded). Rejects on network errors, on timeout and when `signal` aborts.
 *
 * @example
 * const status = await postJson('http://127.0.0.1:9000/hook', { ok: true }, {}, 5000, signal);
 */
export function postJson(
  url: string,
  body: unknown,
  headers: Readonly<Record<string, string>>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      agent: false,
      signal,
      timeout: timeoutMs,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(payload.length),
        'user-agent': 'tamtam-rx-emulator',
        ...headers,
      },
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.end(payload);
  });
}
