import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTamTamApiError } from '../../../src/api/index';
import { type ServedServer, type Webhook, webhook } from '../../../src/sources/webhook/index';
import { type FakeApi, apiError } from '../../../src/testing/index';
import { subscriptionsApi, subscriptionsOf } from './helpers';

const URL = 'https://bot.example.com/tamtam/Serve-secret';

/** A server of any runtime, as `serve` sees it: something that can be closed. */
function fakeServer(): ServedServer & { closed: number } {
  return {
    closed: 0,
    close() {
      this.closed += 1;
    },
  };
}

let api: FakeApi;
const hooks: Webhook[] = [];
beforeEach(async () => {
  api = await subscriptionsApi();
});
afterEach(async () => {
  await Promise.allSettled(hooks.splice(0).map((h) => h.stop()));
});
function make(options: Parameters<typeof webhook>[0] = {}): Webhook {
  const hook = webhook(options);
  hooks.push(hook);
  return hook;
}

describe('webhook.serve: any runtime’s server', () => {
  it('returns the started server, subscribes url when api and url are given, and stop() closes the server', async () => {
    const hook = make({ api, url: URL });
    const server = fakeServer();
    expect(await hook.serve(async () => server)).toBe(server);
    expect((await subscriptionsOf(api)).map((s) => s.url)).toEqual([URL]);
    expect(server.closed).toBe(0);
    await hook.stop();
    expect(server.closed).toBe(1);
  });

  it('closes the server again and rejects when subscribing fails', async () => {
    const invalidToken = apiError(401, 'verify.token', 'Invalid access_token');
    api.respond('getSubscriptions', invalidToken).respond('subscribe', invalidToken);
    const hook = make({ api, url: URL });
    const server = fakeServer();
    const error = await hook.serve(() => server).catch((e: unknown) => e);
    expect(isTamTamApiError(error, 'verify.token')).toBe(true);
    expect(server.closed).toBe(1);
  });

  it('serves one server per webhook, none after stop, and passes on a failing start', async () => {
    const hook = make();
    await expect(hook.serve(() => Promise.reject(new Error('port in use')))).rejects.toThrow('port in use');
    await hook.serve(fakeServer);
    await expect(hook.serve(fakeServer)).rejects.toThrow(/already/);
    const stopped = make();
    await stopped.stop();
    await expect(stopped.serve(fakeServer)).rejects.toThrow(/stopped/);
  });
});
