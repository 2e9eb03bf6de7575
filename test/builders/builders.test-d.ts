import { describe, expectTypeOf, test } from 'vitest';
import {
  type FormattedText,
  type PayloadCodec,
  type PayloadOf,
  attach,
  buttonGrid,
  callbackButton,
  chatButton,
  html,
  inlineKeyboard,
  jsonPayloadCodec,
  linkButton,
  md,
  payloadCodec,
} from '../../src/builders';
import type { InlineKeyboardOf } from '../../src/builders/inline-keyboard';
import type {
  AttachmentRequest,
  CallbackButton,
  InlineKeyboardAttachmentRequest,
  MaxAttachmentRequest,
  LinkButton,
  LocationAttachmentRequest,
  NewMessageBody,
  PhotoAttachmentRequest,
  TextFormat,
} from '../../src/types';

describe('payload codecs', () => {
  const vote = payloadCodec('vote', {
    poll: 'int',
    choice: ['yes', 'no'],
    note: 'string',
    final: 'boolean',
    weight: 'number',
  });
  type Vote = { poll: number; choice: 'yes' | 'no'; note: string; final: boolean; weight: number };

  test('the value type follows the field kinds, enums as literal unions', () => {
    expectTypeOf<PayloadOf<typeof vote>>().toEqualTypeOf<Vote>();
    expectTypeOf(vote).toEqualTypeOf<PayloadCodec<Vote>>();
  });

  test('round trip: encode takes the value, decode gives it back', () => {
    expectTypeOf(vote.encode).parameter(0).toEqualTypeOf<Vote>();
    const result = vote.decode('vote:1:yes::0:1');
    if (result.ok) expectTypeOf(result.value).toEqualTypeOf<Vote>();
    else expectTypeOf(result.reason).toEqualTypeOf<'foreign' | 'malformed'>();
  });

  test('wrong values are compile errors, on encode and on a button', () => {
    // @ts-expect-error 'maybe' is not an allowed choice
    vote.encode({ poll: 1, choice: 'maybe', note: '', final: true, weight: 1 });
    // @ts-expect-error poll is missing
    callbackButton('Yes', vote, { choice: 'yes', note: '', final: true, weight: 1 });
    expectTypeOf(
      callbackButton('Yes', vote, { poll: 1, choice: 'yes', note: '', final: true, weight: 1 }),
    ).toEqualTypeOf<CallbackButton>();
  });

  test('a JSON codec takes its type from the guard', () => {
    const isIds = (v: unknown): v is { ids: number[] } => typeof v === 'object';
    expectTypeOf(jsonPayloadCodec('ids', isIds)).toEqualTypeOf<PayloadCodec<{ ids: number[] }>>();
  });
});

describe('keyboards', () => {
  test('factories return the exact button interfaces; a keyboard is an attachment request', () => {
    expectTypeOf(linkButton('a', 'https://x.y')).toEqualTypeOf<LinkButton>();
    expectTypeOf(inlineKeyboard([[linkButton('a', 'https://x.y')]])).toEqualTypeOf<InlineKeyboardOf<LinkButton>>();
    expectTypeOf(inlineKeyboard([[linkButton('a', 'https://x.y')]])).toExtend<InlineKeyboardAttachmentRequest>();
  });

  test('a keyboard of callback and link buttons is a Max attachment request too; one with a chat button is not', () => {
    const shared = inlineKeyboard([[callbackButton('Yes', 'yes')], [linkButton('Docs', 'https://x.y')]]);
    expectTypeOf(shared).toExtend<MaxAttachmentRequest>();
    expectTypeOf(shared).toExtend<AttachmentRequest>();
    expectTypeOf(inlineKeyboard([[chatButton('New chat', 'Team')]])).not.toExtend<MaxAttachmentRequest>();
    expectTypeOf(buttonGrid([linkButton('a', 'https://x.y')], 2)).toEqualTypeOf<LinkButton[][]>();
  });
});

describe('text', () => {
  test('md and html give FormattedText that spreads into a message body', () => {
    const greeting = md`Hi ${md.bold('x')} ${3}`;
    expectTypeOf(greeting).toEqualTypeOf<FormattedText>();
    expectTypeOf(greeting.format).toEqualTypeOf<TextFormat>();
    const body: NewMessageBody = { ...html`a ${'b'}`, notify: false };
    expectTypeOf(body).toEqualTypeOf<NewMessageBody>();
    expectTypeOf<FormattedText>().toMatchTypeOf<NewMessageBody>();
  });

  test('only strings, numbers, booleans and fragments can be interpolated', () => {
    // @ts-expect-error objects are not text
    md`${{ name: 'x' }}`;
    // @ts-expect-error undefined is not text
    html`${undefined}`;
  });
});

describe('attachments', () => {
  test('each factory returns its request type', () => {
    expectTypeOf(attach.image('t')).toEqualTypeOf<PhotoAttachmentRequest>();
    expectTypeOf(attach.location(1, 2)).toEqualTypeOf<LocationAttachmentRequest>();
    // @ts-expect-error a received audio is not a video
    attach.video({ type: 'audio', payload: { token: 't', url: 'u' } });
  });
});
