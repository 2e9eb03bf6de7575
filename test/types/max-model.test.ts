/**
 * Realistic Max payloads, typed with the Max model (tsc checks they are assignable) and checked
 * by the Max schema validator at run time: the hand-written types and the schema agree.
 */
import { describe, expect, it } from 'vitest';
import type {
  MaxChat,
  MaxChatMember,
  MaxMessage,
  MaxNewMessageBody,
  MaxUpdate,
  MaxUploadEndpoint,
  MaxUser,
  SubscriptionRequestBody,
  VideoAttachmentDetails,
} from '../../src/types/index';
import type { MaxSubscriptionRequestBody } from '../../src/types/index';
import { schemaValidator } from '../helpers/schema-validator';

const T0 = 1_717_245_296_123;
const alice: MaxUser = {
  user_id: 590_123_456,
  first_name: 'Alice',
  last_name: 'Smith',
  name: 'Alice Smith',
  username: null,
  is_bot: false,
  last_activity_time: T0,
};

const message: MaxMessage = {
  sender: alice,
  recipient: { chat_id: 81_234_567, chat_type: 'chat', user_id: null },
  timestamp: T0,
  body: {
    mid: 'mid.0000000000001a2b',
    seq: 112_233,
    text: 'quoted and a voice note',
    markup: [{ type: 'quote', from: 0, length: 6 }],
    attachments: [
      { type: 'audio', payload: { url: 'https://a.example.com/1', token: 'au1' }, transcription: 'call me back' },
      { type: 'contact', payload: { vcf_info: null, max_info: alice, hash: 'f00d' } },
      {
        type: 'video',
        payload: { url: 'https://v.example.com/1', token: 'vt1' },
        thumbnail: { url: 'https://i.example.com/t.jpg' },
        width: 1280,
        height: 720,
        duration: 12,
      },
      {
        type: 'inline_keyboard',
        payload: {
          buttons: [
            [
              { type: 'open_app', text: 'Shop', web_app: 'shop_bot' },
              { type: 'message', text: '/help' },
              { type: 'clipboard', text: 'Copy', payload: 'PROMO' },
            ],
          ],
        },
      },
    ],
  },
};

const muted: MaxUpdate = {
  update_type: 'dialog_muted',
  timestamp: T0,
  chat_id: 81_234_567,
  user: alice,
  user_locale: 'ru',
  muted_until: T0 + 3_600_000,
};
const created: MaxUpdate = { update_type: 'message_created', timestamp: T0, message, user_locale: 'ru' };
const started: MaxUpdate = {
  update_type: 'bot_started',
  timestamp: T0,
  chat_id: 81_234_567,
  user: alice,
  payload: 'x'.repeat(512),
};

const body: MaxNewMessageBody = {
  text: 'Pick one',
  attachments: [
    {
      type: 'reply_keyboard',
      buttons: [
        [
          { type: 'message', text: 'Yes' },
          { type: 'user_geo_location', text: 'Where?', quick: true },
        ],
      ],
    },
  ],
};
const member: MaxChatMember = {
  ...alice,
  alias: 'editor',
  last_access_time: T0,
  is_owner: false,
  is_admin: true,
  join_time: T0,
  permissions: ['write', 'can_call', 'delete_message'],
};
const chat: MaxChat = {
  chat_id: -70,
  type: 'chat',
  status: 'active',
  title: 'Team',
  icon: null,
  last_event_time: T0,
  participants_count: 3,
  is_public: false,
  description: null,
};
const endpoint: MaxUploadEndpoint = { url: 'https://vu.example.com/upload', token: 'vd-Tk1' };
const video: VideoAttachmentDetails = {
  token: 'vt1',
  width: 1280,
  height: 720,
  duration: 12,
  urls: { mp4_720: 'https://v.example.com/720.mp4', hls: null },
};
const subscription: MaxSubscriptionRequestBody = {
  url: 'https://bot.example.com/max',
  update_types: ['dialog_muted'],
  secret: 'hook_secret-2026',
};

describe('Max model types agree with the Max schema', () => {
  const max = schemaValidator('max', { nullableRequired: 'optional' });

  it.each([
    ['Message', message],
    ['Update', muted],
    ['Update', created],
    ['Update', started],
    ['ChatMember', member],
    ['Chat', chat],
    ['UploadEndpoint', endpoint],
    ['VideoAttachmentDetails', video],
    ['SubscriptionRequestBody', subscription],
  ] as const)('%s sample is valid', (component, value) => {
    expect(max.validate(component, value)).toEqual({ ok: true });
  });

  it('a reply keyboard body is a valid ReplyKeyboardAttachmentRequest', () => {
    expect(max.validate('ReplyKeyboardAttachmentRequest', body.attachments?.[0])).toEqual({ ok: true });
  });

  it('TamTam bodies stay TamTam: no secret in its subscription type', () => {
    // @ts-expect-error: TamTam's SubscriptionRequestBody has no secret
    const tamtam: SubscriptionRequestBody = { url: 'https://bot.example.com/tamtam', secret: 'nope_nope' };
    expect(tamtam.url).toMatch(/^https/);
  });
});
