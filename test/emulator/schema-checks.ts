/**
 * Hand-written structural checks of Bot API 0.5.6 objects: required fields, JSON types,
 * nullability, enums and discriminated unions. Written from the schema, independent of
 * src/types, so a response can be validated without trusting the code under test.
 *
 * `checkSchema(name, value)` returns a list of problems (empty = conforms). With
 * `{ strict: true }` fields the schema does not define are reported too.
 *
 * Schema quirk: `MessageBody` lists `link` as required but never defines it (the link lives on
 * `Message`); it is not required here.
 */

type Spec =
  | { kind: 'string' | 'integer' | 'number' | 'boolean' | 'any' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'ref'; name: string }
  | { kind: 'array'; item: Spec }
  | { kind: 'map'; item: Spec }
  | { kind: 'nullable'; inner: Spec };

interface ObjectSchema {
  kind: 'object';
  required: Readonly<Record<string, Spec>>;
  optional: Readonly<Record<string, Spec>>;
}

interface UnionSchema {
  kind: 'union';
  discriminator: string;
  base: ObjectSchema;
  variants: Readonly<Record<string, ObjectSchema>>;
}

const inline: Record<string, ObjectSchema> = {};

const str: Spec = { kind: 'string' };
const int: Spec = { kind: 'integer' };
const num: Spec = { kind: 'number' };
const bool: Spec = { kind: 'boolean' };
const ref = (name: SchemaName | `inline#${number}`): Spec => ({ kind: 'ref', name });
const arr = (item: Spec): Spec => ({ kind: 'array', item });
const map = (item: Spec): Spec => ({ kind: 'map', item });
const nul = (inner: Spec): Spec => ({ kind: 'nullable', inner });
const oneOf = (...values: string[]): Spec => ({ kind: 'enum', values });
const obj = (required: Record<string, Spec>, optional: Record<string, Spec> = {}): ObjectSchema => ({
  kind: 'object',
  required,
  optional,
});
const extend = (base: ObjectSchema, required: Record<string, Spec>, optional: Record<string, Spec> = {}): ObjectSchema =>
  obj({ ...base.required, ...required }, { ...base.optional, ...optional });

function obj0(required: Record<string, Spec>, optional: Record<string, Spec> = {}): Spec {
  const name = `inline#${Object.keys(inline).length + 1}` as const;
  inline[name] = obj(required, optional);
  return ref(name);
}

const chatType = oneOf('dialog', 'chat', 'channel');
const chatStatus = oneOf('active', 'removed', 'left', 'closed', 'suspended');
const permission = oneOf('read_all_messages', 'add_remove_members', 'add_admins', 'change_chat_info', 'pin_message', 'write');

const User = obj({ user_id: int, name: str, username: nul(str), is_bot: bool, last_activity_time: int });
const UserWithPhoto = extend(User, {}, { description: nul(str), avatar_url: str, full_avatar_url: str });
const PhotoPayload = obj({ photo_id: int, token: str, url: str });
const MediaPayload = obj({ url: str, token: str });

const Button: UnionSchema = {
  kind: 'union',
  discriminator: 'type',
  base: obj({ type: str, text: str }),
  variants: {
    callback: obj({ type: str, text: str, payload: str }, { intent: oneOf('positive', 'negative', 'default') }),
    link: obj({ type: str, text: str, url: str }),
    request_contact: obj({ type: str, text: str }),
    request_geo_location: obj({ type: str, text: str }, { quick: bool }),
    chat: obj(
      { type: str, text: str, chat_title: str },
      { chat_description: nul(str), start_payload: nul(str), uuid: nul(int) },
    ),
  },
};

const Attachment: UnionSchema = {
  kind: 'union',
  discriminator: 'type',
  base: obj({ type: str }),
  variants: {
    image: obj({ type: str, payload: ref('PhotoAttachmentPayload') }),
    video: obj(
      { type: str, payload: ref('MediaAttachmentPayload') },
      { thumbnail: nul(ref('PhotoAttachmentPayload')), width: nul(int), height: nul(int), duration: nul(int) },
    ),
    audio: obj({ type: str, payload: ref('MediaAttachmentPayload') }),
    file: obj({ type: str, payload: ref('MediaAttachmentPayload'), filename: str, size: int }),
    sticker: obj({ type: str, payload: obj0({ url: str, code: str }), width: int, height: int }),
    contact: obj({ type: str, payload: obj0({}, { vcf_info: nul(str), tam_info: nul(ref('User')) }) }),
    inline_keyboard: obj({ type: str, payload: ref('Keyboard') }),
    share: obj(
      { type: str, payload: obj0({}, { url: nul(str), token: nul(str) }) },
      { title: nul(str), description: nul(str), image_url: nul(str) },
    ),
    location: obj({ type: str, latitude: num, longitude: num }),
  },
};

const markupBase = obj({ type: str, from: int, length: int });
const MarkupElement: UnionSchema = {
  kind: 'union',
  discriminator: 'type',
  base: markupBase,
  variants: {
    strong: markupBase,
    emphasized: markupBase,
    monospaced: markupBase,
    strikethrough: markupBase,
    underline: markupBase,
    heading: markupBase,
    highlighted: markupBase,
    link: extend(markupBase, { url: str }),
    user_mention: extend(markupBase, {}, { user_link: nul(str), user_id: nul(int) }),
  },
};

const MessageBody = obj(
  { mid: str, seq: int, text: nul(str), attachments: nul(arr(ref('Attachment'))) },
  { markup: nul(arr(ref('MarkupElement'))) },
);

const updateBase = obj({ update_type: str, timestamp: int });
const u = (required: Record<string, Spec>, optional: Record<string, Spec> = {}): ObjectSchema =>
  extend(updateBase, required, optional);
const Update: UnionSchema = {
  kind: 'union',
  discriminator: 'update_type',
  base: updateBase,
  variants: {
    message_created: u({ message: ref('Message') }, { user_locale: nul(str) }),
    message_callback: u({ callback: ref('Callback'), message: nul(ref('Message')) }, { user_locale: nul(str) }),
    message_edited: u({ message: ref('Message') }),
    message_removed: u({ message_id: str, chat_id: int, user_id: int }),
    bot_added: u({ chat_id: int, user: ref('User'), is_channel: bool }),
    bot_removed: u({ chat_id: int, user: ref('User'), is_channel: bool }),
    user_added: u({ chat_id: int, user: ref('User'), is_channel: bool }, { inviter_id: nul(int) }),
    user_removed: u({ chat_id: int, user: ref('User'), is_channel: bool }, { admin_id: int }),
    bot_started: u({ chat_id: int, user: ref('User') }, { payload: nul(str), user_locale: str }),
    chat_title_changed: u({ chat_id: int, user: ref('User'), title: str }),
    message_construction_request: u(
      { user: ref('UserWithPhoto'), session_id: str, input: ref('ConstructorInput') },
      { user_locale: str, data: nul(str) },
    ),
    message_constructed: u({ session_id: str, message: ref('ConstructedMessage') }),
    message_chat_created: u({ chat: ref('Chat'), message_id: str }, { start_payload: nul(str) }),
  },
};

const ConstructorInput: UnionSchema = {
  kind: 'union',
  discriminator: 'input_type',
  base: obj({ input_type: str }),
  variants: {
    callback: obj({ input_type: str, payload: str }),
    message: obj({ input_type: str, messages: nul(arr(ref('ConstructedMessageBody'))) }),
  },
};


/** Names of the schema objects `checkSchema` knows. */
export type SchemaName =
  | 'User'
  | 'UserWithPhoto'
  | 'BotInfo'
  | 'BotCommand'
  | 'Image'
  | 'Chat'
  | 'ChatList'
  | 'ChatMember'
  | 'ChatMembersList'
  | 'Subscription'
  | 'GetSubscriptionsResult'
  | 'Recipient'
  | 'Message'
  | 'MessageBody'
  | 'MessageStat'
  | 'MessageList'
  | 'LinkedMessage'
  | 'SendMessageResult'
  | 'Attachment'
  | 'PhotoAttachmentPayload'
  | 'MediaAttachmentPayload'
  | 'Keyboard'
  | 'Button'
  | 'MarkupElement'
  | 'SimpleQueryResult'
  | 'GetPinnedMessageResult'
  | 'UploadEndpoint'
  | 'UpdateList'
  | 'Update'
  | 'Callback'
  | 'ConstructorInput'
  | 'ConstructedMessageBody'
  | 'ConstructedMessage'
  | 'Error'
  | 'PhotoTokens'
  | 'PhotoToken'
  | 'UploadedInfo';

const SCHEMAS: Record<SchemaName, ObjectSchema | UnionSchema> = {
  User,
  UserWithPhoto,
  BotInfo: extend(UserWithPhoto, {}, { commands: nul(arr(ref('BotCommand'))) }),
  BotCommand: obj({ name: str }, { description: nul(str) }),
  Image: obj({ url: str }),
  Chat: obj(
    {
      chat_id: int,
      type: chatType,
      status: chatStatus,
      title: nul(str),
      icon: nul(ref('Image')),
      last_event_time: int,
      participants_count: int,
      is_public: bool,
      description: nul(str),
    },
    {
      owner_id: nul(int),
      participants: nul(map(int)),
      link: nul(str),
      dialog_with_user: nul(ref('UserWithPhoto')),
      messages_count: nul(int),
      chat_message_id: nul(str),
      pinned_message: nul(ref('Message')),
    },
  ),
  ChatList: obj({ chats: arr(ref('Chat')), marker: nul(int) }),
  ChatMember: extend(UserWithPhoto, {
    last_access_time: int,
    is_owner: bool,
    is_admin: bool,
    join_time: int,
    permissions: nul(arr(permission)),
  }),
  ChatMembersList: obj({ members: arr(ref('ChatMember')) }, { marker: nul(int) }),
  Subscription: obj({ url: str, time: int, update_types: nul(arr(str)), version: nul(str) }),
  GetSubscriptionsResult: obj({ subscriptions: arr(ref('Subscription')) }),
  Recipient: obj({ chat_id: nul(int), chat_type: chatType, user_id: nul(int) }),
  Message: obj(
    { recipient: ref('Recipient'), timestamp: int, body: ref('MessageBody') },
    {
      sender: ref('User'),
      link: nul(ref('LinkedMessage')),
      stat: nul(ref('MessageStat')),
      url: nul(str),
      constructor: nul(ref('User')),
    },
  ),
  MessageBody,
  MessageStat: obj({ views: int }),
  MessageList: obj({ messages: arr(ref('Message')) }),
  LinkedMessage: obj({ type: oneOf('forward', 'reply'), message: ref('MessageBody') }, { sender: ref('User'), chat_id: int }),
  SendMessageResult: obj({ message: ref('Message') }),
  Attachment,
  PhotoAttachmentPayload: PhotoPayload,
  MediaAttachmentPayload: MediaPayload,
  Keyboard: obj({ buttons: arr(arr(ref('Button'))) }),
  Button,
  MarkupElement,
  SimpleQueryResult: obj({ success: bool }, { message: str }),
  GetPinnedMessageResult: obj({}, { message: nul(ref('Message')) }),
  UploadEndpoint: obj({ url: str }),
  UpdateList: obj({ updates: arr(ref('Update')), marker: nul(int) }),
  Update,
  Callback: obj({ timestamp: int, callback_id: str, user: ref('User') }, { payload: str }),
  ConstructorInput,
  ConstructedMessageBody: obj(
    {},
    { text: nul(str), attachments: nul(arr({ kind: 'any' })), markup: nul(arr(ref('MarkupElement'))), format: nul(oneOf('markdown', 'html')) },
  ),
  ConstructedMessage: obj({ body: ref('MessageBody'), timestamp: int }, { sender: ref('User'), link: nul(ref('LinkedMessage')) }),
  Error: obj({ code: str, message: str }, { error: str }),
  PhotoTokens: obj({ photos: map(ref('PhotoToken')) }),
  PhotoToken: obj({ token: str }),
  UploadedInfo: obj({}, { token: str }),
};

/** Every schema name, for iteration in tests. */
export const SCHEMA_NAMES = Object.keys(SCHEMAS) as SchemaName[];

/**
 * Problems of `value` as an instance of schema object `name`; empty when it conforms.
 *
 * @example
 * expect(checkSchema('Chat', await res.json())).toEqual([]);
 */
export function checkSchema(name: SchemaName, value: unknown, options: { strict?: boolean } = {}): string[] {
  const problems: string[] = [];
  checkNamed(name, value, name, problems, options.strict ?? false);
  return problems;
}

function lookup(name: string): ObjectSchema | UnionSchema {
  const schema = (SCHEMAS as Record<string, ObjectSchema | UnionSchema>)[name] ?? inline[name];
  if (!schema) throw new Error(`Unknown schema ${name}`);
  return schema;
}

function checkNamed(name: string, value: unknown, path: string, problems: string[], strict: boolean): void {
  const schema = lookup(name);
  if (schema.kind === 'object') {
    checkObject(schema, value, path, problems, strict);
    return;
  }
  if (!isObject(value)) {
    problems.push(`${path}: expected object, got ${typeName(value)}`);
    return;
  }
  const tag = value[schema.discriminator];
  if (typeof tag !== 'string') {
    problems.push(`${path}.${schema.discriminator}: expected string discriminator, got ${typeName(tag)}`);
    return;
  }
  const variant = schema.variants[tag];
  if (!variant) {
    problems.push(`${path}.${schema.discriminator}: unknown ${name} variant ${JSON.stringify(tag)}`);
    return;
  }
  checkObject(variant, value, `${path}<${tag}>`, problems, strict);
}

function checkObject(schema: ObjectSchema, value: unknown, path: string, problems: string[], strict: boolean): void {
  if (!isObject(value)) {
    problems.push(`${path}: expected object, got ${typeName(value)}`);
    return;
  }
  for (const [key, spec] of Object.entries(schema.required)) {
    if (!Object.hasOwn(value, key)) problems.push(`${path}.${key}: required field missing`);
    else checkSpec(spec, value[key], `${path}.${key}`, problems, strict);
  }
  for (const [key, spec] of Object.entries(schema.optional)) {
    if (Object.hasOwn(value, key) && value[key] !== undefined) checkSpec(spec, value[key], `${path}.${key}`, problems, strict);
  }
  if (strict) {
    for (const key of Object.keys(value)) {
      if (!(key in schema.required) && !(key in schema.optional)) problems.push(`${path}.${key}: field not in the schema`);
    }
  }
}

function checkSpec(spec: Spec, value: unknown, path: string, problems: string[], strict: boolean): void {
  switch (spec.kind) {
    case 'any':
      return;
    case 'nullable':
      if (value !== null) checkSpec(spec.inner, value, path, problems, strict);
      return;
    case 'string':
      if (typeof value !== 'string') problems.push(`${path}: expected string, got ${typeName(value)}`);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) problems.push(`${path}: expected integer, got ${typeName(value)}`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${path}: expected number, got ${typeName(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${path}: expected boolean, got ${typeName(value)}`);
      return;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        problems.push(`${path}: expected one of ${spec.values.join('|')}, got ${JSON.stringify(value)}`);
      }
      return;
    case 'ref':
      checkNamed(spec.name, value, path, problems, strict);
      return;
    case 'array':
      if (!Array.isArray(value)) {
        problems.push(`${path}: expected array, got ${typeName(value)}`);
        return;
      }
      value.forEach((item, i) => checkSpec(spec.item, item, `${path}[${i}]`, problems, strict));
      return;
    case 'map':
      if (!isObject(value)) {
        problems.push(`${path}: expected object map, got ${typeName(value)}`);
        return;
      }
      for (const [key, item] of Object.entries(value)) checkSpec(spec.item, item, `${path}.${key}`, problems, strict);
      return;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isInteger(value)) return `number ${value}`;
  return typeof value;
}
