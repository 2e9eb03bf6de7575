/**
 * The schema validator (test/helpers/schema-validator.ts) against both dialects: the shared
 * sample payloads conform, deliberately broken ones are caught with an error naming the field,
 * and each dialect rejects the other's update types.
 */
import { Ajv2019 } from 'ajv/dist/2019';
import { describe, expect, it } from 'vitest';
import { type SchemaFact, factsToJsonSchema } from '../../src/schema-facts';
import { createUpdateFactory } from '../../src/testing';
import * as responses from '../actions/responses';
import {
  allSampleAttachments,
  allSampleButtons,
  freshSampleUpdate,
  sampleUpdates,
  sampleUsers,
} from '../fixtures/updates';
import { type ValidationResult, schemaValidator } from '../helpers/schema-validator';
import {
  MAX_ONLY_UPDATE_TYPES,
  TAMTAM_ONLY_UPDATE_TYPES,
  maxSampleAttachments,
  maxSampleButtons,
  maxSampleUpdates,
  toMax,
} from './max-samples';

const OK: ValidationResult = { ok: true };
const clone = <T>(value: T): T => structuredClone(value) as T;

/** The errors of a result (empty when it passed). */
const errorsOf = (result: ValidationResult): readonly string[] => (result.ok ? [] : result.errors);

describe.each([false, true])('TamTam samples (strict: %s)', (strict) => {
  const tamtam = schemaValidator('tamtam', { strict });

  it.each(Object.keys(sampleUpdates))('the %s sample is an Update', (type) => {
    expect(tamtam.validate('Update', sampleUpdates[type as keyof typeof sampleUpdates])).toEqual(OK);
  });

  it('every sample attachment is an Attachment and every sample button a Button', () => {
    for (const a of allSampleAttachments) expect(tamtam.validate('Attachment', a), a.type).toEqual(OK);
    for (const b of allSampleButtons) expect(tamtam.validate('Button', b), b.type).toEqual(OK);
  });

  it('the update factory of the test kit makes schema-conform updates', () => {
    const f = createUpdateFactory();
    const made = [
      f.messageCreated(),
      f.messageCallback(),
      f.messageEdited(),
      f.messageRemoved(),
      f.botAdded(),
      f.botRemoved(),
      f.userAdded(),
      f.userRemoved(),
      f.botStarted(),
      f.chatTitleChanged(),
      f.messageConstructionRequest(),
      f.messageConstructed(),
      f.messageChatCreated(),
      f.textMessage('/start'),
    ];
    for (const update of made) expect(tamtam.validate('Update', update), update.update_type).toEqual(OK);
  });

  it('the sample API answers of the action tests conform to their operations', () => {
    const answers: [string, unknown][] = [
      ['getMyInfo', responses.botInfo],
      ['getChat', responses.groupChat],
      ['getChat', responses.dialogChat],
      ['getChats', responses.chatList],
      ['getMembership', responses.botMembership],
      ['getMembers', responses.membersList],
      ['getMessages', responses.messageList],
      ['sendMessage', responses.sendMessageResult],
      ['getPinnedMessage', responses.pinnedResult],
      ['pinMessage', responses.success],
      ['getSubscriptions', responses.subscriptionsResult],
      ['getUpdates', responses.updateList],
      ['getMessageById', responses.groupMessage],
    ];
    for (const [operation, body] of answers)
      expect(tamtam.validateResponse(operation, 200, body), operation).toEqual(OK);
    expect(tamtam.validateResponse('sendMessage', 401, responses.apiError('verify.token'))).toEqual(OK);
  });
});

describe.each([false, true])('Max samples (strict: %s)', (strict) => {
  const max = schemaValidator('max', { strict });

  it.each(Object.keys(maxSampleUpdates))('the %s sample is an Update', (type) => {
    expect(max.validate('Update', maxSampleUpdates[type])).toEqual(OK);
  });

  it('every sample attachment is an Attachment and every sample button a Button', () => {
    for (const a of maxSampleAttachments) expect(max.validate('Attachment', a), JSON.stringify(a)).toEqual(OK);
    for (const b of maxSampleButtons) expect(max.validate('Button', b), JSON.stringify(b)).toEqual(OK);
  });
});

describe('broken payloads are caught, naming the field', () => {
  describe.each(['tamtam', 'max'] as const)('%s', (dialect) => {
    const v = schemaValidator(dialect);
    const sample = (type: 'message_created' | 'message_callback' | 'bot_added'): Record<string, unknown> =>
      (dialect === 'tamtam' ? clone(sampleUpdates[type]) : clone(maxSampleUpdates[type])) as Record<string, unknown>;

    it('a missing required field of the base (timestamp)', () => {
      const update = sample('bot_added');
      delete update['timestamp'];
      expect(errorsOf(v.validate('Update', update))).toEqual(["(root): must have required property 'timestamp'"]);
    });

    it('a missing required field of the variant and deep inside it', () => {
      const update = sample('message_created') as { message: { body: Record<string, unknown> } };
      delete update.message.body['mid'];
      expect(errorsOf(v.validate('Update', update))).toEqual(["message.body: must have required property 'mid'"]);
      const added = sample('bot_added');
      delete added['chat_id'];
      expect(errorsOf(v.validate('Update', added))).toEqual(["(root): must have required property 'chat_id'"]);
    });

    it('a wrong type, and null where the schema does not allow it', () => {
      const update = sample('message_created') as { message: { body: Record<string, unknown>; timestamp: unknown } };
      update.message.body['seq'] = '17';
      update.message.timestamp = null;
      expect(errorsOf(v.validate('Update', update))).toEqual([
        'message.body.seq: must be integer',
        'message.timestamp: must be integer',
      ]);
    });

    it('null where the schema allows it passes (nullable beside a reference included)', () => {
      const update = sample('message_created') as { message: Record<string, unknown> };
      update.message['link'] = null;
      update.message['stat'] = null;
      (update.message['sender'] as Record<string, unknown>)['username'] = null;
      expect(v.validate('Update', update)).toEqual(OK);
    });

    it('a value outside an enum', () => {
      const update = sample('message_created') as { message: { recipient: Record<string, unknown> } };
      update.message.recipient['chat_type'] = 'group';
      const [error] = errorsOf(v.validate('Update', update));
      expect(error).toMatch(/^message\.recipient\.chat_type: must be equal to one of the allowed values \("/);
      expect(errorsOf(v.validateRequest('sendAction', { path: { chatId: '1' }, body: { action: 'dancing' } }))).toEqual(
        [expect.stringMatching(/^body\.action: must be equal to one of the allowed values \("typing_on"/)],
      );
    });

    it('an unknown discriminator value', () => {
      const update = { ...sample('bot_added'), update_type: 'message_sent' };
      expect(errorsOf(v.validate('Update', update))).toEqual([
        expect.stringMatching(/^update_type: must be equal to one of the allowed values \("bot_added"/),
      ]);
      const attachment = { type: 'gif', payload: { url: 'https://x.example/a.gif' } };
      expect(errorsOf(v.validate('Attachment', attachment))).toEqual([
        expect.stringMatching(/^type: must be equal to one of the allowed values/),
      ]);
    });

    it('a discriminator naming the wrong variant for the payload', () => {
      // A bot_added payload tagged as a callback: the callback variant's fields are missing.
      const update = { ...sample('bot_added'), update_type: 'message_callback' };
      expect(errorsOf(v.validate('Update', update))).toEqual([
        "(root): must have required property 'callback'",
        "(root): must have required property 'message'",
      ]);
      const button = { type: 'callback', text: 'OK' };
      expect(errorsOf(v.validate('Button', button))).toEqual(["(root): must have required property 'payload'"]);
    });

    it('a variant validated on its own must carry its own tag', () => {
      const update = { ...sample('bot_added'), update_type: 'bot_removed' };
      expect(errorsOf(v.validate('BotAddedToChatUpdate', update))).toEqual([
        'update_type: must be equal to one of the allowed values ("bot_added")',
      ]);
    });

    it('bounds: string length and array size', () => {
      const text = 'x'.repeat(4001);
      expect(errorsOf(v.validate('NewMessageBody', { text, attachments: null, link: null }))).toEqual([
        'text: must NOT have more than 4000 characters',
      ]);
      const commands = Array.from({ length: 33 }, (_, i) => ({ name: `c${i}`, description: null }));
      expect(errorsOf(v.validate('BotInfo', { ...toMaybeMax(sampleUsers.bot), commands }))).toEqual([
        'commands: must NOT have more than 32 items',
      ]);
    });

    it('a non-object where an object is expected (OpenAPI leaves `type: object` out)', () => {
      expect(errorsOf(v.validate('User', 'alice'))).toEqual(['(root): must be object']);
    });

    it('an extra field: allowed by default, rejected in strict mode', () => {
      const update = { ...sample('bot_added'), surprise: 1 };
      expect(v.validate('Update', update)).toEqual(OK);
      expect(errorsOf(schemaValidator(dialect, { strict: true }).validate('Update', update))).toEqual([
        '(root): must NOT have unevaluated properties (surprise)',
      ]);
    });

    it('strict mode reports a real error first, not the fields of the failed variant', () => {
      const update = sample('bot_added');
      update['is_channel'] = 'no';
      expect(errorsOf(schemaValidator(dialect, { strict: true }).validate('Update', update))).toEqual([
        'is_channel: must be boolean',
      ]);
    });

    it('a field named like an Object.prototype member is only present as an own property', () => {
      const message = (sample('message_created') as { message: Record<string, unknown> }).message;
      expect(Object.hasOwn(message, 'constructor')).toBe(false);
      expect(v.validate('Message', message)).toEqual(OK);
    });

    function toMaybeMax(value: object): Record<string, unknown> {
      return (dialect === 'max' ? toMax(value) : value) as Record<string, unknown>;
    }
  });
});

describe('each dialect rejects the other one’s update types', () => {
  const tamtam = schemaValidator('tamtam');
  const max = schemaValidator('max');

  it.each(TAMTAM_ONLY_UPDATE_TYPES)('%s: TamTam yes, Max no', (type) => {
    const update = toMax(freshSampleUpdate(type));
    expect(tamtam.validate('Update', freshSampleUpdate(type))).toEqual(OK);
    expect(errorsOf(max.validate('Update', update))).toEqual([
      expect.stringMatching(/^update_type: must be equal to one of the allowed values \(.*"dialog_muted"/),
    ]);
  });

  it.each(MAX_ONLY_UPDATE_TYPES)('%s: Max yes, TamTam no', (type) => {
    const update = maxSampleUpdates[type];
    expect(max.validate('Update', update)).toEqual(OK);
    expect(errorsOf(tamtam.validate('Update', update))).toEqual([
      expect.stringMatching(/^update_type: must be equal to one of the allowed values \(.*"message_chat_created"/),
    ]);
  });

  it('TamTam-shaped users fail Max (no first_name), Max-only buttons and markup fail TamTam', () => {
    expect(errorsOf(max.validate('User', sampleUsers.alice))).toEqual([
      "(root): must have required property 'first_name'",
    ]);
    expect(
      errorsOf(
        max.validate(
          'Button',
          allSampleButtons.find((b) => b.type === 'chat'),
        ),
      ),
    ).toEqual([expect.stringMatching(/^type: must be equal to one of the allowed values/)]);
    expect(errorsOf(tamtam.validate('Button', { type: 'open_app', text: 'Open' }))).toEqual([
      expect.stringMatching(/^type: must be equal to one of the allowed values/),
    ]);
    expect(max.validate('MarkupElement', { type: 'quote', from: 0, length: 3 })).toEqual(OK);
    expect(errorsOf(tamtam.validate('MarkupElement', { type: 'quote', from: 0, length: 3 }))).toHaveLength(1);
  });
});

describe('requests', () => {
  const tamtam = schemaValidator('tamtam');
  const max = schemaValidator('max');

  it('query parameters: URL text is read as the declared type, bounds are checked', () => {
    expect(
      tamtam.validateRequest('getUpdates', {
        query: new URLSearchParams('limit=100&timeout=30&marker=5&types=message_created,bot_started'),
      }),
    ).toEqual(OK);
    expect(tamtam.validateRequest('getUpdates', { query: { limit: 1000, timeout: 0 } })).toEqual(OK);
    expect(errorsOf(tamtam.validateRequest('getUpdates', { query: { limit: '5000', timeout: '91' } }))).toEqual([
      'query.limit: must be <= 1000',
      'query.timeout: must be <= 90',
    ]);
    expect(errorsOf(tamtam.validateRequest('getUpdates', { query: { limit: 'many' } }))).toEqual([
      'query.limit: must be integer',
    ]);
    expect(errorsOf(tamtam.validateRequest('getUpdates', { query: { types: 'a,a' } }))).toEqual([
      expect.stringMatching(/^query\.types: must NOT have duplicate items/),
    ]);
  });

  it('unknown query parameters are reported in strict mode only (the token and v always pass)', () => {
    const query = { access_token: 'secret', v: '0.5.6', lmit: '5' };
    expect(tamtam.validateRequest('getUpdates', { query })).toEqual(OK);
    expect(errorsOf(schemaValidator('tamtam', { strict: true }).validateRequest('getUpdates', { query }))).toEqual([
      'query.lmit: not a parameter of this operation',
    ]);
  });

  it('path parameters: required, typed, and only the declared ones', () => {
    expect(tamtam.validateRequest('getChat', { path: { chatId: '-70398221604117' } })).toEqual(OK);
    expect(errorsOf(tamtam.validateRequest('getChat', { path: { chatId: 'abc' } }))).toEqual([
      'path.chatId: must be integer',
    ]);
    expect(errorsOf(tamtam.validateRequest('getChat', {}))).toEqual(['path.chatId: is required']);
    expect(errorsOf(tamtam.validateRequest('getChat', { path: { chatId: 1, userId: 2 } }))).toEqual([
      'path.userId: not a parameter of this operation',
    ]);
  });

  it('bodies: required, checked against their schema, refused where the operation takes none', () => {
    const body = { text: 'Hello', attachments: null, link: null };
    expect(tamtam.validateRequest('sendMessage', { query: { chat_id: '42' }, body })).toEqual(OK);
    expect(errorsOf(tamtam.validateRequest('sendMessage', { query: { chat_id: '42' } }))).toEqual([
      'body: is required',
    ]);
    expect(
      errorsOf(tamtam.validateRequest('sendMessage', { body: { ...body, attachments: [{ type: 'image' }] } })),
    ).toEqual(["body.attachments.0: must have required property 'payload'"]);
    expect(errorsOf(tamtam.validateRequest('getMyInfo', { body: {} }))).toEqual([
      'body: getMyInfo takes no request body',
    ]);
  });

  it('required-but-nullable body fields: present by default, optional on request', () => {
    const body = { text: 'Hello' };
    expect(errorsOf(tamtam.validateRequest('sendMessage', { body }))).toEqual([
      "body: must have required property 'attachments'",
      "body: must have required property 'link'",
    ]);
    const lenient = schemaValidator('tamtam', { nullableRequired: 'optional' });
    expect(lenient.validateRequest('sendMessage', { body })).toEqual(OK);
    expect(errorsOf(lenient.validateRequest('sendMessage', { body: { text: 7 } }))).toEqual([
      'body.text: must be string',
    ]);
    expect(errorsOf(lenient.validate('Update', { update_type: 'bot_started' }))).toEqual([
      "(root): must have required property 'timestamp'",
      "(root): must have required property 'chat_id'",
      "(root): must have required property 'user'",
    ]);
  });

  it('the Max webhook secret: 5–256 of [A-Za-z0-9_-]', () => {
    const url = 'https://bot.example.com/hook';
    expect(max.validateRequest('subscribe', { body: { url, secret: 'Sup3r_secret-42' } })).toEqual(OK);
    expect(errorsOf(max.validateRequest('subscribe', { body: { url, secret: 'abc' } }))).toEqual([
      'body.secret: must NOT have fewer than 5 characters',
      'body.secret: must match pattern "^[a-zA-Z0-9_-]{5,256}$"',
    ]);
    expect(
      errorsOf(
        schemaValidator('tamtam', { strict: true }).validateRequest('subscribe', {
          body: { url, secret: 'Sup3r_secret-42' },
        }),
      ),
    ).toEqual(['body: must NOT have unevaluated properties (secret)']);
  });

  it('operations of one dialect only', () => {
    expect(() => max.validateRequest('construct', {})).toThrow(/no operation "construct" in the schema/);
    expect(
      max.validateRequest('postAdmins', {
        path: { chatId: '-1' },
        body: { admins: [{ user_id: 7, permissions: ['write'] }] },
      }),
    ).toEqual(OK);
  });
});

describe.each(['tamtam', 'max'] as const)('the whole %s schema', (dialect) => {
  it('compiles: every component, every operation body and parameter, in both modes', () => {
    for (const strict of [false, true]) {
      const v = schemaValidator(dialect, { strict });
      for (const name of Object.keys(v.facts.schemas)) expect(() => v.validate(name, {}), name).not.toThrow();
      for (const [id, op] of Object.entries(v.facts.operations)) {
        for (const status of Object.keys(op.responses))
          expect(() => v.validateResponse(id, Number(status), {}), id).not.toThrow();
        expect(() => v.validateRequest(id, { body: op.requestBody ? {} : undefined }), id).not.toThrow();
      }
    }
  });

  it('agrees with itself: every default satisfies the schema it is the default of', () => {
    const v = schemaValidator(dialect);
    const doc = factsToJsonSchema(v.facts);
    const ajv = new Ajv2019({ strict: false, ownProperties: true, validateFormats: false });
    ajv.addSchema(doc.root);
    const failing: string[] = [];
    const walk = (fact: SchemaFact, where: string): void => {
      if (fact.default !== undefined && !ajv.validate(doc.schemaOf(fact), fact.default))
        failing.push(`${where}: ${JSON.stringify(fact.default)}`);
      for (const [name, prop] of Object.entries(fact.properties ?? {})) walk(prop, `${where}.${name}`);
      for (const part of fact.allOf ?? []) walk(part, where);
      if (fact.items) walk(fact.items, `${where}.items`);
    };
    for (const [name, fact] of Object.entries(v.facts.schemas)) walk(fact, name);
    for (const [id, op] of Object.entries(v.facts.operations)) {
      for (const [name, param] of Object.entries(op.parameters.query)) walk(param.schema, `${id}.${name}`);
    }
    expect(failing).toEqual([]);
  });
});

describe('responses', () => {
  const tamtam = schemaValidator('tamtam');

  it('checks the body documented for the status, errors included', () => {
    expect(tamtam.validateResponse('getUpdates', 200, { updates: [], marker: null })).toEqual(OK);
    expect(errorsOf(tamtam.validateResponse('getUpdates', 200, { marker: 3 }))).toEqual([
      "body: must have required property 'updates'",
    ]);
    expect(errorsOf(tamtam.validateResponse('getMyInfo', 401, { message: 'Invalid access_token' }))).toEqual([
      "body: must have required property 'code'",
    ]);
  });

  it('reports a status the operation does not document', () => {
    expect(errorsOf(tamtam.validateResponse('getMyInfo', 418, {}))).toEqual([
      'status: 418 is not documented for getMyInfo (documented: 200, 401, 500)',
    ]);
    expect(errorsOf(schemaValidator('max').validateResponse('getChats', 200, { chats: [] }))).toEqual([
      'status: 200 is not documented for getChats (documented: none)',
    ]);
  });

  it('names misuse: unknown components and operations throw', () => {
    expect(() => tamtam.validate('Nope', {})).toThrow(/no component "Nope"/);
    expect(() => tamtam.validateResponse('nope', 200, {})).toThrow(/no operation "nope"/);
  });
});
