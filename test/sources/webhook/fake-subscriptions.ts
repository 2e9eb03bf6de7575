import type { Subscription } from '../../../src/types';
import type { LoopbackServer, RecordedRequest, ScriptedResponse } from '../../helpers/loopback-server';

/**
 * Makes a loopback server behave like the Bot API's /subscriptions endpoints, with state:
 * POST adds or replaces the URL's subscription, DELETE removes it, GET lists them.
 */
export function fakeSubscriptions(server: LoopbackServer, initial: Subscription[] = []): { list: Subscription[] } {
  const state = { list: [...initial] };
  server.respond((request: RecordedRequest): ScriptedResponse => {
    if (request.path !== '/subscriptions') return { status: 404, body: { code: 'not.found', message: 'no such path' } };
    if (request.method === 'GET') return { body: { subscriptions: state.list } };
    if (request.method === 'POST') {
      const body = request.json as { url: string; update_types?: string[]; version?: string };
      state.list = state.list.filter((s) => s.url !== body.url);
      state.list.push({ url: body.url, time: Date.now(), update_types: body.update_types ?? null, version: body.version ?? '0.5.6' });
      return { body: { success: true } };
    }
    if (request.method === 'DELETE') {
      state.list = state.list.filter((s) => s.url !== request.query['url']);
      return { body: { success: true } };
    }
    return { status: 405, body: { code: 'method', message: 'no' } };
  });
  return state;
}
