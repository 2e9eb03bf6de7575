import { describe, expect, it } from 'vitest';
import { getSubscriptions, subscribe, unsubscribe } from '../../src/actions/index';
import type { SubscriptionRequestBody } from '../../src/types/index';
import { subscriptionsResult, success } from './responses';
import { expectCold, expectGuards, expectOnlyRequest, run, useWire } from './support';

const wire = useWire();
const HOOK = 'https://bot.example.com/tamtam/hook?secret=s3cr3t&env=prod';

describe('getSubscriptions', () => {
  it('GETs /subscriptions and emits the list', async () => {
    wire.server.queue({ body: subscriptionsResult });
    expect(await run(getSubscriptions(wire.api))).toEqual(subscriptionsResult);
    expectOnlyRequest(wire.server, { method: 'GET', path: '/subscriptions' });
  });
});

describe('subscribe', () => {
  it('POSTs the SubscriptionRequestBody as JSON to /subscriptions', async () => {
    const body: SubscriptionRequestBody = {
      url: HOOK,
      update_types: ['message_created', 'bot_started'],
      version: '0.5.6',
    };
    wire.server.queue({ body: success });
    expect(await run(subscribe(wire.api, body))).toEqual(success);
    expectOnlyRequest(wire.server, { method: 'POST', path: '/subscriptions', json: body });
  });

  it('refuses a missing or non-http(s) url, sending nothing', async () => {
    await expectGuards(wire.server, [
      [
        subscribe(wire.api, { url: 'ftp://bot.example.com/hook' }),
        /^subscribe: body\.url must start with http:\/\/ or https:\/\/, got "ftp:/,
      ],
      [subscribe(wire.api, { url: 'bot.example.com/hook' }), /^subscribe: body\.url must start with http/],
      [subscribe(wire.api, { url: '' }), /^subscribe: body\.url must be a non-empty string/],
      [subscribe(wire.api, undefined as unknown as SubscriptionRequestBody), /^subscribe: body must be an object/],
    ]);
  });
});

describe('unsubscribe', () => {
  it('DELETEs /subscriptions with the url in the query (encoded whole), no body', async () => {
    wire.server.queue({ body: success });
    expect(await run(unsubscribe(wire.api, HOOK))).toEqual(success);
    expectOnlyRequest(wire.server, { method: 'DELETE', path: '/subscriptions', query: { url: HOOK } });
  });

  it('refuses an empty url, sending nothing', async () => {
    await expectGuards(wire.server, [[unsubscribe(wire.api, ''), /^unsubscribe: url must be a non-empty string/]]);
  });
});

describe('subscription actions are cold', () => {
  it('send nothing before subscribe', async () => {
    wire.server.respond(() => ({ body: success }));
    await expectCold(wire.server, [
      getSubscriptions(wire.api),
      subscribe(wire.api, { url: HOOK }),
      unsubscribe(wire.api, HOOK),
    ]);
  });
});
