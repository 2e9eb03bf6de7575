import { describe, expect, it } from 'vitest';
import {
  MAX_MESSAGE_TEXT_LENGTH,
  deleteMessage,
  editMessage,
  getMessageById,
  getMessages,
  sendMessage,
  type SendMessageTarget,
} from '../../src/actions/index';
import { isTamTamApiError } from '../../src/api/index';
import type { NewMessageBody } from '../../src/types/index';
import { sampleChatIds, sampleUsers } from '../fixtures/updates';
import { apiError, channelPost, groupMessage, messageList, sendMessageResult, success } from './responses';
import { expectCold, expectGuards, expectOnlyRequest, expectRequest, failureOf, run, useWire } from './support';

const wire = useWire();
const GROUP = sampleChatIds.group;
const ALICE = sampleUsers.alice.user_id;
const MID = 'mid.fe7d1c3a0000018fd3a10c55';
const NOT_READY = {
  status: 400,
  body: apiError('attachment.not.ready', 'Key: errors.process.attachment.file.not.processed'),
};

const withVideo: NewMessageBody = {
  text: 'Release *482* demo',
  format: 'markdown',
  notify: false,
  attachments: [{ type: 'video', payload: { token: 'vd._3Rarhcf1PtlMXy8jpgie8Ai_KARnVFYNQTtmIRWNh4' } }],
};

describe('getMessages', () => {
  it('GETs /messages with chat_id, from, to and count and emits the MessageList', async () => {
    wire.server.queue({ body: messageList });
    expect(
      await run(getMessages(wire.api, { chat_id: GROUP, from: 1_717_245_296_123, to: 1_717_000_000_000, count: 10 })),
    ).toEqual(messageList);
    expectOnlyRequest(wire.server, {
      method: 'GET',
      path: '/messages',
      query: { chat_id: String(GROUP), from: '1717245296123', to: '1717000000000', count: '10' },
    });
  });

  it('sends message_ids comma-separated and leaves out absent parameters', async () => {
    wire.server.queue({ body: messageList });
    await run(getMessages(wire.api, { message_ids: [groupMessage.body.mid, channelPost.body.mid] }));
    expectOnlyRequest(wire.server, {
      method: 'GET',
      path: '/messages',
      query: { message_ids: `${groupMessage.body.mid},${channelPost.body.mid}` },
    });
  });

  it('refuses neither chat_id nor message_ids, bad ids and counts, sending nothing', async () => {
    await expectGuards(wire.server, [
      [getMessages(wire.api, {}), /^getMessages: pass params\.chat_id .* or a non-empty params\.message_ids/],
      [getMessages(wire.api, { message_ids: [] }), /^getMessages: pass params\.chat_id/],
      [getMessages(wire.api, { chat_id: 1.5 }), /^getMessages: chat_id must be an integer/],
      [getMessages(wire.api, { message_ids: [MID, ''] }), /^getMessages: message_ids\[1\] must be a non-empty string/],
      [getMessages(wire.api, { chat_id: GROUP, count: 101 }), /^getMessages: count must be between 1 and 100/],
      [
        getMessages(wire.api, { chat_id: GROUP, from: 'yesterday' as unknown as number }),
        /^getMessages: from must be an integer/,
      ],
    ]);
  });
});

describe('sendMessage', () => {
  it('POSTs to /messages with chat_id in the query and the NewMessageBody as JSON; emits the SendMessageResult', async () => {
    wire.server.queue({ body: sendMessageResult });
    expect(await run(sendMessage(wire.api, { chat_id: GROUP }, withVideo))).toEqual(sendMessageResult);
    expectOnlyRequest(wire.server, {
      method: 'POST',
      path: '/messages',
      query: { chat_id: String(GROUP) },
      json: withVideo,
    });
  });

  it('puts user_id and disable_link_preview in the query, never in the body', async () => {
    wire.server.respond(() => ({ body: sendMessageResult }));
    const body: NewMessageBody = { text: 'See https://example.com/changelog' };
    await run(sendMessage(wire.api, { user_id: ALICE, disable_link_preview: true }, body));
    await run(sendMessage(wire.api, { chat_id: GROUP, disable_link_preview: false }, body));
    expectRequest(wire.server.requests[0], {
      method: 'POST',
      path: '/messages',
      query: { user_id: String(ALICE), disable_link_preview: 'true' },
      json: body,
    });
    expectRequest(wire.server.requests[1], {
      method: 'POST',
      path: '/messages',
      query: { chat_id: String(GROUP), disable_link_preview: 'false' },
      json: body,
    });
  });

  it('sends a forward (link only) as a valid message', async () => {
    wire.server.queue({ body: sendMessageResult });
    const forward: NewMessageBody = { link: { type: 'forward', mid: MID } };
    await run(sendMessage(wire.api, { chat_id: GROUP }, forward));
    expectOnlyRequest(wire.server, {
      method: 'POST',
      path: '/messages',
      query: { chat_id: String(GROUP) },
      json: forward,
    });
  });

  it('refuses both or neither target, an empty body and too long text, sending nothing', async () => {
    const both = { chat_id: GROUP, user_id: ALICE } as unknown as SendMessageTarget;
    const neither = {} as SendMessageTarget;
    await expectGuards(wire.server, [
      [
        sendMessage(wire.api, both, { text: 'hi' }),
        /^sendMessage: pass exactly one of target\.chat_id .* or target\.user_id/,
      ],
      [sendMessage(wire.api, neither, { text: 'hi' }), /^sendMessage: pass exactly one of target\.chat_id/],
      [sendMessage(wire.api, { chat_id: 1.5 }, { text: 'hi' }), /^sendMessage: target\.chat_id must be an integer/],
      [
        sendMessage(wire.api, { user_id: 'alice' as unknown as number }, { text: 'hi' }),
        /^sendMessage: target\.user_id must be an integer/,
      ],
      [sendMessage(wire.api, { chat_id: GROUP }, {}), /^sendMessage: body needs text, attachments or a link/],
      [sendMessage(wire.api, { chat_id: GROUP }, { text: '', attachments: [] }), /^sendMessage: body needs text/],
      [
        sendMessage(wire.api, { chat_id: GROUP }, { text: 'x'.repeat(MAX_MESSAGE_TEXT_LENGTH + 1) }),
        /^sendMessage: body\.text is 4001 characters; the API accepts at most 4000/,
      ],
      [
        sendMessage(wire.api, { chat_id: GROUP }, null as unknown as NewMessageBody),
        /^sendMessage: body must be an object/,
      ],
    ]);
  });

  it('accepts text of exactly 4000 characters', async () => {
    wire.server.queue({ body: sendMessageResult });
    const text = 'я'.repeat(MAX_MESSAGE_TEXT_LENGTH);
    await run(sendMessage(wire.api, { chat_id: GROUP }, { text }));
    expectOnlyRequest(wire.server, {
      method: 'POST',
      path: '/messages',
      query: { chat_id: String(GROUP) },
      json: { text },
    });
  });

  it('retries 400 attachment.not.ready until the attachment is processed, then emits the result', async () => {
    wire.server.queue(NOT_READY, NOT_READY, { body: sendMessageResult });
    expect(await run(sendMessage(wire.api, { chat_id: GROUP }, withVideo))).toEqual(sendMessageResult);
    expect(wire.server.requests).toHaveLength(3);
    for (const seen of wire.server.requests) {
      expectRequest(seen, { method: 'POST', path: '/messages', query: { chat_id: String(GROUP) }, json: withVideo });
    }
  });

  it('gives up on attachment.not.ready after the retry limit with the API error', async () => {
    wire.server.respond(() => NOT_READY);
    const error = await failureOf(sendMessage(wire.api, { chat_id: GROUP }, withVideo, { retry: { limit: 2 } }));
    expect(isTamTamApiError(error, 'attachment.not.ready')).toBe(true);
    expect(wire.server.requests).toHaveLength(3);
  });

  it('does not retry any other 400', async () => {
    wire.server.respond(() => ({
      status: 400,
      body: apiError('proto.payload', 'text: size must be between 0 and 4000'),
    }));
    const error = await failureOf(sendMessage(wire.api, { chat_id: GROUP }, { text: 'hi' }));
    expect(error).toMatchObject({
      name: 'TamTamApiError',
      status: 400,
      code: 'proto.payload',
      operation: 'sendMessage',
      method: 'POST',
      path: '/messages',
    });
    expect(wire.server.requests).toHaveLength(1);
  });

  it('does not retry attachment.not.ready when retries are off for the call', async () => {
    wire.server.queue(NOT_READY, { body: sendMessageResult });
    const error = await failureOf(sendMessage(wire.api, { chat_id: GROUP }, withVideo, { retry: false }));
    expect(isTamTamApiError(error, 'attachment.not.ready')).toBe(true);
    expect(wire.server.requests).toHaveLength(1);
  });

  it('unsubscribing mid-request aborts it: the server sees the socket close', async () => {
    wire.server.respond(() => ({ hang: true }));
    const subscription = sendMessage(wire.api, { chat_id: GROUP }, { text: 'hi' }).subscribe();
    await wire.server.waitForRequests(1);
    const closed = wire.server.waitForClosedConnection(2_000);
    const unsubscribedAt = Date.now();
    subscription.unsubscribe();
    expect((await closed) - unsubscribedAt).toBeLessThan(1_000);
    expect(wire.server.requests).toHaveLength(1);
  });
});

describe('editMessage', () => {
  it('PUTs /messages with message_id in the query and the NewMessageBody as JSON', async () => {
    wire.server.queue({ body: success });
    expect(await run(editMessage(wire.api, MID, withVideo))).toEqual(success);
    expectOnlyRequest(wire.server, { method: 'PUT', path: '/messages', query: { message_id: MID }, json: withVideo });
  });

  it('retries 400 attachment.not.ready, then emits the result', async () => {
    wire.server.queue(NOT_READY, { body: success });
    expect(await run(editMessage(wire.api, MID, withVideo))).toEqual(success);
    expect(wire.server.requests).toHaveLength(2);
    expectRequest(wire.server.requests[1], {
      method: 'PUT',
      path: '/messages',
      query: { message_id: MID },
      json: withVideo,
    });
  });

  it('does not retry any other 400', async () => {
    wire.server.respond(() => ({ status: 400, body: apiError('message.not.found') }));
    expect(await failureOf(editMessage(wire.api, MID, { text: 'edited' }))).toMatchObject({
      status: 400,
      code: 'message.not.found',
    });
    expect(wire.server.requests).toHaveLength(1);
  });

  it('refuses an empty message id and too long text, sending nothing', async () => {
    await expectGuards(wire.server, [
      [editMessage(wire.api, '', { text: 'x' }), /^editMessage: messageId must be a non-empty string/],
      [editMessage(wire.api, MID, { text: 'x'.repeat(4001) }), /^editMessage: body\.text is 4001 characters/],
      [editMessage(wire.api, MID, { text: 42 as unknown as string }), /^editMessage: body\.text must be a string/],
    ]);
  });
});

describe('deleteMessage', () => {
  it('DELETEs /messages with message_id in the query and no body', async () => {
    wire.server.queue({ body: success });
    expect(await run(deleteMessage(wire.api, MID))).toEqual(success);
    expectOnlyRequest(wire.server, { method: 'DELETE', path: '/messages', query: { message_id: MID } });
  });

  it('does not retry attachment.not.ready (only sending and editing do)', async () => {
    wire.server.queue(NOT_READY, { body: success });
    expect(isTamTamApiError(await failureOf(deleteMessage(wire.api, MID)), 'attachment.not.ready')).toBe(true);
    expect(wire.server.requests).toHaveLength(1);
  });

  it('refuses an empty message id, sending nothing', async () => {
    await expectGuards(wire.server, [
      [deleteMessage(wire.api, ''), /^deleteMessage: messageId must be a non-empty string, got ""/],
      [
        deleteMessage(wire.api, undefined as unknown as string),
        /^deleteMessage: messageId must be a non-empty string, got undefined/,
      ],
    ]);
  });
});

describe('getMessageById', () => {
  it('GETs /messages/{messageId} and emits the Message', async () => {
    wire.server.queue({ body: channelPost });
    expect(await run(getMessageById(wire.api, channelPost.body.mid))).toEqual(channelPost);
    expectOnlyRequest(wire.server, { method: 'GET', path: `/messages/${channelPost.body.mid}` });
  });

  it('keeps an odd id inside its path segment', async () => {
    wire.server.queue({ body: channelPost });
    await run(getMessageById(wire.api, 'mid/../me?x=1'));
    expectOnlyRequest(wire.server, { method: 'GET', path: '/messages/mid%2F..%2Fme%3Fx%3D1' });
  });

  it('refuses an empty message id, sending nothing', async () => {
    await expectGuards(wire.server, [
      [getMessageById(wire.api, ' '), /^getMessageById: messageId must be a non-empty string/],
    ]);
  });
});

describe('message actions are cold', () => {
  it('send nothing before subscribe', async () => {
    wire.server.respond(() => ({ body: success }));
    const api = wire.api;
    await expectCold(wire.server, [
      getMessages(api, { chat_id: GROUP }),
      sendMessage(api, { chat_id: GROUP }, { text: 'hi' }),
      editMessage(api, MID, { text: 'hi' }),
      deleteMessage(api, MID),
      getMessageById(api, MID),
    ]);
  });
});
