import { describe, expectTypeOf, test } from 'vitest';
import type {
  ApiErrorBody,
  Attachment,
  AttachmentByType,
  AttachmentRequest,
  AttachmentRequestType,
  AttachmentType,
  BotPatch,
  Button,
  ButtonType,
  CallbackAnswer,
  CallbackButton,
  Chat,
  ChatAdminPermission,
  ChatButton,
  ChatMember,
  ChatStatus,
  ChatType,
  ConstructorAnswer,
  ConstructorInput,
  Intent,
  LinkButton,
  LinkMarkup,
  MarkupElement,
  MarkupType,
  Message,
  MessageLinkType,
  NewMessageBody,
  PhotoAttachment,
  PhotoAttachmentRequest,
  RequestGeoLocationButton,
  SenderAction,
  SimpleQueryResult,
  SubscriptionRequestBody,
  TextFormat,
  UploadResultByType,
  UploadType,
  User,
  UserMentionMarkup,
  UserIdsList,
  VideoAttachment,
} from '../../src/types';
import {
  type ATTACHMENT_TYPES,
  type BUTTON_TYPES,
  type CHAT_ADMIN_PERMISSIONS,
  type CHAT_STATUSES,
  type CHAT_TYPES,
  type CONSTRUCTOR_INPUT_TYPES,
  type INTENTS,
  type MARKUP_TYPES,
  type MESSAGE_LINK_TYPES,
  type SENDER_ACTIONS,
  type TEXT_FORMATS,
  type UPLOAD_TYPES,
  getMessageConstructor,
} from '../../src/types';

describe('literal unions', () => {
  test('enums are exactly the schema values', () => {
    expectTypeOf<ChatType>().toEqualTypeOf<'dialog' | 'chat' | 'channel'>();
    expectTypeOf<ChatStatus>().toEqualTypeOf<'active' | 'removed' | 'left' | 'closed' | 'suspended'>();
    expectTypeOf<SenderAction>().toEqualTypeOf<
      'typing_on' | 'sending_photo' | 'sending_video' | 'sending_audio' | 'sending_file' | 'mark_seen'
    >();
    expectTypeOf<UploadType>().toEqualTypeOf<'image' | 'video' | 'audio' | 'file'>();
    expectTypeOf<MessageLinkType>().toEqualTypeOf<'forward' | 'reply'>();
    expectTypeOf<Intent>().toEqualTypeOf<'positive' | 'negative' | 'default'>();
    expectTypeOf<TextFormat>().toEqualTypeOf<'markdown' | 'html'>();
    expectTypeOf<ChatAdminPermission>().toEqualTypeOf<
      'read_all_messages' | 'add_remove_members' | 'add_admins' | 'change_chat_info' | 'pin_message' | 'write'
    >();
    expectTypeOf<ButtonType>().toEqualTypeOf<
      'callback' | 'link' | 'request_contact' | 'request_geo_location' | 'chat'
    >();
    expectTypeOf<AttachmentType>().toEqualTypeOf<
      'image' | 'video' | 'audio' | 'file' | 'sticker' | 'contact' | 'inline_keyboard' | 'share' | 'location'
    >();
    expectTypeOf<AttachmentRequestType>().toEqualTypeOf<AttachmentType>();
    expectTypeOf<MarkupType>().toEqualTypeOf<
      | 'strong'
      | 'emphasized'
      | 'monospaced'
      | 'link'
      | 'strikethrough'
      | 'underline'
      | 'user_mention'
      | 'heading'
      | 'highlighted'
    >();
  });

  test('every runtime list has exactly the members of its type', () => {
    expectTypeOf<(typeof CHAT_TYPES)[number]>().toEqualTypeOf<ChatType>();
    expectTypeOf<(typeof CHAT_STATUSES)[number]>().toEqualTypeOf<ChatStatus>();
    expectTypeOf<(typeof CHAT_ADMIN_PERMISSIONS)[number]>().toEqualTypeOf<ChatAdminPermission>();
    expectTypeOf<(typeof SENDER_ACTIONS)[number]>().toEqualTypeOf<SenderAction>();
    expectTypeOf<(typeof UPLOAD_TYPES)[number]>().toEqualTypeOf<UploadType>();
    expectTypeOf<(typeof MESSAGE_LINK_TYPES)[number]>().toEqualTypeOf<MessageLinkType>();
    expectTypeOf<(typeof TEXT_FORMATS)[number]>().toEqualTypeOf<TextFormat>();
    expectTypeOf<(typeof INTENTS)[number]>().toEqualTypeOf<Intent>();
    expectTypeOf<(typeof BUTTON_TYPES)[number]>().toEqualTypeOf<ButtonType>();
    expectTypeOf<(typeof ATTACHMENT_TYPES)[number]>().toEqualTypeOf<AttachmentType>();
    expectTypeOf<(typeof MARKUP_TYPES)[number]>().toEqualTypeOf<MarkupType>();
    expectTypeOf<(typeof CONSTRUCTOR_INPUT_TYPES)[number]>().toEqualTypeOf<ConstructorInput['input_type']>();
  });
});

describe('Attachment narrows on type', () => {
  test('each branch gives its interface and payload', () => {
    const attachment = null as unknown as Attachment;
    switch (attachment.type) {
      case 'image':
        expectTypeOf(attachment).toEqualTypeOf<PhotoAttachment>();
        expectTypeOf(attachment.payload.photo_id).toBeNumber();
        break;
      case 'video':
        expectTypeOf(attachment).toEqualTypeOf<VideoAttachment>();
        expectTypeOf(attachment.duration).toEqualTypeOf<number | null | undefined>();
        break;
      case 'file':
        expectTypeOf(attachment.filename).toBeString();
        break;
      case 'sticker':
        expectTypeOf(attachment.payload.code).toBeString();
        break;
      case 'contact':
        expectTypeOf(attachment.payload.tam_info).toEqualTypeOf<User | null | undefined>();
        break;
      case 'inline_keyboard':
        expectTypeOf(attachment.payload.buttons).toEqualTypeOf<Button[][]>();
        break;
      case 'share':
        expectTypeOf(attachment.payload.url).toEqualTypeOf<string | null | undefined>();
        break;
      case 'location':
        expectTypeOf(attachment.latitude).toBeNumber();
        // @ts-expect-error a location has no payload
        void attachment.payload;
        break;
      case 'audio':
        expectTypeOf(attachment).toEqualTypeOf<AttachmentByType['audio']>();
        break;
      default:
        expectTypeOf(attachment).toBeNever();
    }
  });

  test('unknown attachment kinds are rejected', () => {
    // @ts-expect-error 'gif' is not an attachment type
    const bad: Attachment = { type: 'gif', payload: { url: 'https://x' } };
    void bad;
  });
});

describe('AttachmentRequest', () => {
  test('narrows on type', () => {
    const request = null as unknown as AttachmentRequest;
    if (request.type === 'image') expectTypeOf(request).toEqualTypeOf<PhotoAttachmentRequest>();
    if (request.type === 'video') expectTypeOf(request.payload.token).toEqualTypeOf<string | undefined>();
  });

  test('upload results plug straight into the matching request payload', () => {
    const photos = null as unknown as UploadResultByType['image'];
    const video = null as unknown as UploadResultByType['video'];
    const attachments = [
      { type: 'image', payload: photos },
      { type: 'video', payload: video },
    ] as const satisfies readonly AttachmentRequest[];
    expectTypeOf(attachments).toExtend<NewMessageBody['attachments']>();
  });

  test('readonly arrays are accepted in request bodies', () => {
    const row = [{ type: 'callback', text: 'OK', payload: 'ok' }] as const;
    const body = {
      text: 'Pick one',
      attachments: [{ type: 'inline_keyboard', payload: { buttons: [row] } }],
      link: null,
    } as const satisfies NewMessageBody;
    expectTypeOf(body).toExtend<NewMessageBody>();
    expectTypeOf<readonly number[]>().toExtend<UserIdsList['user_ids']>();
    expectTypeOf<readonly ['message_created']>().toExtend<SubscriptionRequestBody['update_types']>();
  });

  test('NewMessageBody: text, attachments and link may be left out or null; text is a string', () => {
    const short: NewMessageBody = { text: 'hi' };
    void short;
    // @ts-expect-error text must be a string
    const bad: NewMessageBody = { text: 42 };
    void bad;
    const ok: NewMessageBody = { text: 'hi', attachments: null, link: null, format: 'markdown' };
    void ok;
  });
});

describe('Button narrows on type', () => {
  test('each branch exposes its own fields', () => {
    const button = null as unknown as Button;
    switch (button.type) {
      case 'callback':
        expectTypeOf(button).toEqualTypeOf<CallbackButton>();
        expectTypeOf(button.intent).toEqualTypeOf<Intent | undefined>();
        break;
      case 'link':
        expectTypeOf(button).toEqualTypeOf<LinkButton>();
        break;
      case 'request_geo_location':
        expectTypeOf(button).toEqualTypeOf<RequestGeoLocationButton>();
        break;
      case 'request_contact':
        expectTypeOf(button.text).toBeString();
        break;
      case 'chat':
        expectTypeOf(button).toEqualTypeOf<ChatButton>();
        expectTypeOf(button.uuid).toEqualTypeOf<number | null | undefined>();
        break;
      default:
        expectTypeOf(button).toBeNever();
    }
  });

  test('unknown button types and missing fields are rejected', () => {
    // @ts-expect-error 'open_app' is not a button type in 0.5.6
    const unknownKind: Button = { type: 'open_app', text: 'Open' };
    // @ts-expect-error a callback button needs a payload
    const noPayload: Button = { type: 'callback', text: 'OK' };
    // @ts-expect-error a link button needs a url
    const noUrl: LinkButton = { type: 'link', text: 'Docs' };
    const badIntent: CallbackButton = {
      type: 'callback',
      text: 'OK',
      payload: 'ok',
      // @ts-expect-error intent is positive | negative | default
      intent: 'danger',
    };
    void [unknownKind, noPayload, noUrl, badIntent];
  });
});

describe('MarkupElement narrows on type', () => {
  test('link and user_mention carry extra fields', () => {
    const element = null as unknown as MarkupElement;
    if (element.type === 'link') {
      expectTypeOf(element).toEqualTypeOf<LinkMarkup>();
      expectTypeOf(element.url).toBeString();
    }
    if (element.type === 'user_mention') {
      expectTypeOf(element).toEqualTypeOf<UserMentionMarkup>();
      expectTypeOf(element.user_link).toEqualTypeOf<string | null | undefined>();
      expectTypeOf(element.user_id).toEqualTypeOf<number | null | undefined>();
    }
    if (element.type === 'strong') {
      // @ts-expect-error plain markup has no url
      void element.url;
    }
  });

  test('a link markup without url is rejected', () => {
    // @ts-expect-error url is required on link markup
    const bad: MarkupElement = { type: 'link', from: 0, length: 4 };
    void bad;
  });
});

describe('objects follow the schema nullability', () => {
  test('Chat: required-nullable vs optional-nullable fields', () => {
    expectTypeOf<Chat['title']>().toEqualTypeOf<string | null>();
    expectTypeOf<Chat['description']>().toEqualTypeOf<string | null>();
    expectTypeOf<Chat['owner_id']>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<Chat['participants']>().toEqualTypeOf<Record<string, number> | null | undefined>();
    expectTypeOf<ChatMember['permissions']>().toEqualTypeOf<ChatAdminPermission[] | null>();
  });

  test('User: username is required but nullable', () => {
    expectTypeOf<User['username']>().toEqualTypeOf<string | null>();
    // @ts-expect-error username must be present (null when unset)
    const bad: User = { user_id: 1, name: 'A', is_bot: false, last_activity_time: 0 };
    void bad;
  });

  test('Message: sender optional, body required; constructor read through a helper', () => {
    expectTypeOf<Message['sender']>().toEqualTypeOf<User | undefined>();
    expectTypeOf(getMessageConstructor).returns.toEqualTypeOf<User | null>();
    // @ts-expect-error body is required
    const bad: Message = { recipient: { chat_id: 1, chat_type: 'dialog', user_id: 2 }, timestamp: 0 };
    void bad;
  });

  test('exactOptionalPropertyTypes: optional non-nullable fields reject explicit undefined and null', () => {
    // @ts-expect-error notify is optional but not nullable
    const bad: NewMessageBody = { text: null, attachments: null, link: null, notify: null };
    void bad;
  });

  test('request and answer bodies', () => {
    expectTypeOf<ApiErrorBody>().toExtend<{ code: string; message: string }>();
    expectTypeOf<SimpleQueryResult['success']>().toBeBoolean();
    const answer: CallbackAnswer = { notification: 'Approved' };
    const patch: BotPatch = { commands: [] };
    const construct: ConstructorAnswer = {
      messages: [{ text: 'Preview', format: 'html' }],
      keyboard: { buttons: [[{ type: 'callback', text: 'Next', payload: 'next' }]] },
      allow_user_input: false,
    };
    void [answer, patch, construct];
  });
});
