import { describe, expectTypeOf, test } from 'vitest';
import type {
  BotAddedToChatUpdate,
  BotRemovedFromChatUpdate,
  BotStartedUpdate,
  ChatTitleChangedUpdate,
  MessageCallbackUpdate,
  MessageChatCreatedUpdate,
  MessageConstructedUpdate,
  MessageConstructionRequest,
  MessageCreatedUpdate,
  MessageEditedUpdate,
  MessageRemovedUpdate,
  Update,
  UpdateByType,
  UpdateType,
  UserAddedToChatUpdate,
  UserRemovedFromChatUpdate,
} from '../../src/types';
import { freshSampleUpdate, sampleUpdates } from '../fixtures/updates';

describe('sample updates match their interfaces', () => {
  test('the sample map is keyed by update type with the matching interface', () => {
    expectTypeOf(sampleUpdates).toEqualTypeOf<{ [K in UpdateType]: UpdateByType[K] }>();
    expectTypeOf(sampleUpdates[null as unknown as UpdateType]).toEqualTypeOf<Update>();
    expectTypeOf(freshSampleUpdate('bot_started')).toEqualTypeOf<BotStartedUpdate>();
  });

  test('each sample is assignable to its interface', () => {
    expectTypeOf(sampleUpdates.message_created).toExtend<MessageCreatedUpdate>();
    expectTypeOf(sampleUpdates.message_callback).toExtend<MessageCallbackUpdate>();
    expectTypeOf(sampleUpdates.message_edited).toExtend<MessageEditedUpdate>();
    expectTypeOf(sampleUpdates.message_removed).toExtend<MessageRemovedUpdate>();
    expectTypeOf(sampleUpdates.bot_added).toExtend<BotAddedToChatUpdate>();
    expectTypeOf(sampleUpdates.bot_removed).toExtend<BotRemovedFromChatUpdate>();
    expectTypeOf(sampleUpdates.user_added).toExtend<UserAddedToChatUpdate>();
    expectTypeOf(sampleUpdates.user_removed).toExtend<UserRemovedFromChatUpdate>();
    expectTypeOf(sampleUpdates.bot_started).toExtend<BotStartedUpdate>();
    expectTypeOf(sampleUpdates.chat_title_changed).toExtend<ChatTitleChangedUpdate>();
    expectTypeOf(sampleUpdates.message_construction_request).toExtend<MessageConstructionRequest>();
    expectTypeOf(sampleUpdates.message_constructed).toExtend<MessageConstructedUpdate>();
    expectTypeOf(sampleUpdates.message_chat_created).toExtend<MessageChatCreatedUpdate>();
  });

  test('a JSON literal straight off the wire satisfies its interface', () => {
    // A message_callback as the server sends it, written out in full.
    const wire = {
      update_type: 'message_callback',
      timestamp: 1_717_245_298_468,
      callback: {
        timestamp: 1_717_245_298_468,
        callback_id: 'f9LHodD0cOI3ZGl2Y2FsbGJhY2tfMTIzNDU2Nzg5',
        payload: 'deploy:482:approve',
        user: {
          user_id: 590_412_771,
          name: 'Alice Petrova',
          username: 'alice_p',
          is_bot: false,
          last_activity_time: 1_717_245_291_611,
        },
      },
      message: {
        sender: {
          user_id: 591_000_042,
          name: 'Release Bot',
          username: 'release_bot',
          is_bot: true,
          last_activity_time: 1_717_245_296_123,
        },
        recipient: { chat_id: 68_112_905_344, chat_type: 'dialog', user_id: 590_412_771 },
        timestamp: 1_717_245_236_123,
        link: null,
        body: {
          mid: 'mid.fe7d1c3a0000018fd3a0f9c4',
          seq: 112_516_303_257_600,
          text: 'Deploy 482 to production?',
          attachments: [
            {
              type: 'inline_keyboard',
              payload: {
                buttons: [
                  [
                    { type: 'callback', text: 'Approve', payload: 'deploy:482:approve', intent: 'positive' },
                    { type: 'callback', text: 'Reject', payload: 'deploy:482:reject', intent: 'negative' },
                  ],
                  [{ type: 'link', text: 'Open build', url: 'https://ci.example.com/b/482' }],
                ],
              },
            },
          ],
          markup: [{ type: 'strong', from: 14, length: 10 }],
        },
        stat: null,
        url: null,
      },
      user_locale: 'ru-RU',
    } satisfies MessageCallbackUpdate;
    expectTypeOf(wire).toExtend<Update>();
    expectTypeOf(wire.update_type).toEqualTypeOf<'message_callback'>();
  });

  test('a minimal update with only required fields is accepted', () => {
    const minimal = {
      update_type: 'message_created',
      timestamp: 1_717_245_296_123,
      message: {
        recipient: { chat_id: -70_398_221_604_117, chat_type: 'channel', user_id: null },
        timestamp: 1_717_245_296_123,
        body: { mid: 'mid.1', seq: 1, text: 'Channel post', attachments: null },
      },
    } satisfies MessageCreatedUpdate;
    expectTypeOf(minimal).toExtend<Update>();
  });
});
