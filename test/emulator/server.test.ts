import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator';
import { call, start, TOKEN, waitFor } from './helpers';

describe('emulator server', () => {
  it('listens on 127.0.0.1 with a free port and closes', async () => {
    const emulator = await startEmulator({ token: TOKEN });
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await call(emulator, 'GET', '/me')).status).toBe(200);
    await emulator.close();
    await expect(fetch(`${emulator.url}/me?access_token=${TOKEN}`)).rejects.toThrow();
  });

  it('generates a random token when none is given', async () => {
    const a = await start({ token: undefined as unknown as string });
    expect(a.token).toMatch(/^emu-[0-9a-f]{24}$/);
  });

  it('rejects bad options with a message naming the option', async () => {
    await expect(startEmulator({ port: -1 })).rejects.toThrow(/port/);
    await expect(startEmulator({ faults: { dropConnectionProbability: 2 } })).rejects.toThrow(
      /dropConnectionProbability/,
    );
  });

  describe('auth', () => {
    it('accepts the token as access_token, raw Authorization header and Bearer', async () => {
      const emulator = await start();
      expect((await call(emulator, 'GET', '/me', { auth: 'query' })).status).toBe(200);
      expect((await call(emulator, 'GET', '/me', { auth: 'header' })).status).toBe(200);
      expect((await call(emulator, 'GET', '/me', { auth: 'bearer' })).status).toBe(200);
    });

    it('answers 401 verify.token when the token is missing or wrong', async () => {
      const emulator = await start();
      for (const token of [null, 'wrong']) {
        const res = await call(emulator, 'GET', '/me', { token });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('verify.token');
        expect(typeof res.body.message).toBe('string');
        expect(res.headers.get('content-type')).toMatch(/application\/json/);
      }
    });

    it('ignores the v parameter', async () => {
      const emulator = await start();
      expect((await call(emulator, 'GET', '/me', { query: { v: '0.5.6' } })).status).toBe(200);
    });
  });

  describe('errors', () => {
    it('404 not.found for unknown paths', async () => {
      const emulator = await start();
      const res = await call(emulator, 'GET', '/nope');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ code: 'not.found', message: expect.stringContaining('/nope') });
      expect((await call(emulator, 'GET', '/chats/not a link!')).status).toBe(404);
    });

    it('405 with Allow for a known path and a wrong method', async () => {
      const emulator = await start();
      const res = await call(emulator, 'DELETE', '/me');
      expect(res.status).toBe(405);
      expect(res.body.code).toBe('method.not.allowed');
      expect(res.headers.get('allow')).toBe('GET, PATCH');
    });

    it('400 for invalid JSON, a missing body and bad parameters', async () => {
      const emulator = await start();
      const badJson = await call(emulator, 'POST', '/messages', { query: { chat_id: 80000000001 }, body: '{"text":' });
      expect(badJson.status).toBe(400);
      expect(badJson.body.message).toMatch(/not valid JSON/);
      const noBody = await call(emulator, 'PATCH', '/me');
      expect(noBody.status).toBe(400);
      expect(noBody.body.message).toMatch(/body is required/);
      const badCount = await call(emulator, 'GET', '/chats', { query: { count: 1000 } });
      expect(badCount.status).toBe(400);
      expect(badCount.body.message).toMatch(/`count` must be between 1 and 100/);
      const notInt = await call(emulator, 'GET', '/updates', { query: { limit: 'many' } });
      expect(notInt.body).toEqual({
        code: 'proto.param',
        message: expect.stringMatching(/`limit` must be an integer/),
      });
    });

    it('413 for a body over the limit, without buffering it all', async () => {
      const emulator = await start({ maxBodyBytes: 1024 });
      const res = await call(emulator, 'PATCH', '/me', { body: { description: 'x'.repeat(5000) } });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('request.too.large');
      expect((await call(emulator, 'GET', '/me')).status).toBe(200);
    });

    it('413 for a chunked body that grows past the limit', async () => {
      const emulator = await start({ maxBodyBytes: 1024 });
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${emulator.url}/me?access_token=${TOKEN}`, { method: 'PATCH' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        for (let i = 0; i < 4; i++) req.write('x'.repeat(512));
        req.end();
      });
      expect(status).toBe(413);
    });
  });

  it('close() ends a waiting long poll promptly', async () => {
    const emulator = await startEmulator({ token: TOKEN });
    const poll = call(emulator, 'GET', '/updates', { query: { timeout: 60 } });
    await waitFor(() => emulator.updates.waiting() === 1);
    const closing = emulator.close();
    expect(emulator.updates.waiting()).toBe(0); // woken at once, not after its 60 s
    await closing;
    const res = await poll.catch(() => undefined);
    if (res) expect(res.body.updates).toEqual([]);
  });
});
