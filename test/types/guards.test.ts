import { describe, expect, test } from 'vitest';
import {
  ATTACHMENT_TYPES,
  BUTTON_TYPES,
  CHAT_ADMIN_PERMISSIONS,
  CHAT_STATUSES,
  CHAT_TYPES,
  CONSTRUCTOR_INPUT_TYPES,
  INTENTS,
  MARKUP_TYPES,
  MESSAGE_LINK_TYPES,
  SENDER_ACTIONS,
  TEXT_FORMATS,
  UPDATE_TYPES,
  UPLOAD_TYPES,
  getMessageConstructor,
  isUpdateType,
} from '../../src/types';
import type { Message } from '../../src/types';
import { sampleAttachments, sampleButtons, sampleUpdates, sampleUsers } from '../fixtures/updates';

describe('isUpdateType', () => {
  test.each(UPDATE_TYPES)('accepts the known type %s', (type) => {
    expect(isUpdateType(type)).toBe(true);
  });

  test.each([
    'dialog_muted',
    'message_chat_created ',
    'MESSAGE_CREATED',
    '',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
  ])('rejects the unknown string %j', (value) => {
    expect(isUpdateType(value)).toBe(false);
  });

  test.each([undefined, null, 0, 1, true, {}, [], ['message_created'], { update_type: 'bot_started' }])(
    'rejects the non-string %j',
    (value) => {
      expect(isUpdateType(value)).toBe(false);
    },
  );
});

describe('constant lists', () => {
  test('UPDATE_TYPES lists the 13 update types of 0.5.6 in schema order', () => {
    expect(UPDATE_TYPES).toEqual([
      'message_created',
      'message_callback',
      'message_edited',
      'message_removed',
      'bot_added',
      'bot_removed',
      'user_added',
      'user_removed',
      'bot_started',
      'chat_title_changed',
      'message_construction_request',
      'message_constructed',
      'message_chat_created',
    ]);
  });

  test.each([
    ['UPDATE_TYPES', UPDATE_TYPES, 13],
    ['ATTACHMENT_TYPES', ATTACHMENT_TYPES, 9],
    ['BUTTON_TYPES', BUTTON_TYPES, 5],
    ['MARKUP_TYPES', MARKUP_TYPES, 9],
    ['UPLOAD_TYPES', UPLOAD_TYPES, 4],
    ['SENDER_ACTIONS', SENDER_ACTIONS, 6],
    ['CHAT_TYPES', CHAT_TYPES, 3],
    ['CHAT_STATUSES', CHAT_STATUSES, 5],
    ['CHAT_ADMIN_PERMISSIONS', CHAT_ADMIN_PERMISSIONS, 6],
    ['INTENTS', INTENTS, 3],
    ['TEXT_FORMATS', TEXT_FORMATS, 2],
    ['MESSAGE_LINK_TYPES', MESSAGE_LINK_TYPES, 2],
    ['CONSTRUCTOR_INPUT_TYPES', CONSTRUCTOR_INPUT_TYPES, 2],
  ] as const)('%s has %i distinct entries', (_name, list, size) => {
    expect(list).toHaveLength(size);
    expect(new Set(list).size).toBe(size);
  });

  test('the sample fixtures cover exactly the listed kinds', () => {
    expect(Object.keys(sampleUpdates).sort()).toEqual([...UPDATE_TYPES].sort());
    expect(Object.keys(sampleAttachments).sort()).toEqual([...ATTACHMENT_TYPES].sort());
    expect(Object.keys(sampleButtons).sort()).toEqual([...BUTTON_TYPES].sort());
  });
});

describe('getMessageConstructor', () => {
  const base: Message = {
    recipient: { chat_id: -70_398_221_604_117, chat_type: 'chat', user_id: null },
    timestamp: 1_717_245_296_123,
    body: { mid: 'mid.1', seq: 1, text: 'hi', attachments: null },
  };

  test('returns null when the field is absent, ignoring Object.prototype.constructor', () => {
    expect(base.constructor).toBe(Object);
    expect(getMessageConstructor(base)).toBeNull();
  });

  test('returns null for an explicit null', () => {
    const parsed = JSON.parse(JSON.stringify({ ...base, constructor: null })) as Message;
    expect(getMessageConstructor(parsed)).toBeNull();
  });

  test('returns the user when the server sent one', () => {
    const parsed = JSON.parse(JSON.stringify({ ...base, constructor: sampleUsers.bot })) as Message;
    expect(getMessageConstructor(parsed)).toEqual(sampleUsers.bot);
  });

  test('returns null for a value that is not a user', () => {
    const parsed = JSON.parse(JSON.stringify({ ...base, constructor: { id: 'x' } })) as Message;
    expect(getMessageConstructor(parsed)).toBeNull();
  });
});
