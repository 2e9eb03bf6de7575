/**
 * The committed schema facts: what they say about each dialect, that they hold structure only
 * (no prose), that they are stable, and that the extractor that writes them normalizes the
 * documents' quirks as documented. Runs without ../shared; the "re-extract and compare" check
 * runs only where the documents are present.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { OUTPUTS, SOURCES, extractFacts, renderFacts } from '../../scripts/extract-schema-facts';
import { type DialectFacts, type SchemaFact, SCHEMA_DIALECTS, schemaFacts } from '../../src/schema-facts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env['TAMTAM_RX_SHARED'] ?? resolve(root, '..', 'shared');
const haveDocuments = SCHEMA_DIALECTS.every((d) => existsSync(join(shared, SOURCES[d])));

const TAMTAM_OPERATIONS = [
  'getMyInfo',
  'editMyInfo',
  'getChats',
  'getChatByLink',
  'getChat',
  'editChat',
  'sendAction',
  'getPinnedMessage',
  'pinMessage',
  'unpinMessage',
  'getMembership',
  'leaveChat',
  'getAdmins',
  'getMembers',
  'addMembers',
  'removeMember',
  'getSubscriptions',
  'subscribe',
  'unsubscribe',
  'getUploadUrl',
  'getMessages',
  'sendMessage',
  'editMessage',
  'deleteMessage',
  'getMessageById',
  'answerOnCallback',
  'construct',
  'getUpdates',
];
const SHARED_UPDATE_TYPES = [
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
];

const updateTypes = (facts: DialectFacts): string[] =>
  Object.keys(facts.schemas['Update']?.discriminator?.mapping ?? {}).sort();
const enumOf = (facts: DialectFacts, name: string) => facts.schemas[name]?.enum;

describe('the TamTam facts (schema 0.5.6)', () => {
  const facts = schemaFacts('tamtam');

  it('come from the 0.5.6 document and keep its 28 operations', () => {
    expect(facts.source).toMatchObject({ version: '0.5.6', openapi: '3.0.0' });
    expect(facts.servers).toEqual(['https://botapi.tamtam.chat']);
    expect(Object.keys(facts.operations).sort()).toEqual([...TAMTAM_OPERATIONS].sort());
  });

  it('know the 13 update types, discriminated by update_type', () => {
    expect(facts.schemas['Update']?.discriminator?.propertyName).toBe('update_type');
    expect(updateTypes(facts)).toEqual(
      [...SHARED_UPDATE_TYPES, 'message_construction_request', 'message_constructed', 'message_chat_created'].sort(),
    );
  });

  it('keep the long-polling bounds and the token location', () => {
    const query = facts.operations['getUpdates']!.parameters.query;
    expect(query['limit']?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000, default: 100 });
    expect(query['timeout']?.schema).toMatchObject({ minimum: 0, maximum: 90, default: 30 });
    expect(query['types']).toMatchObject({ style: 'simple', schema: { type: 'array' } });
    expect(facts.security['access_token']).toEqual({ type: 'apiKey', in: 'query', name: 'access_token' });
  });

  it('keep the enums', () => {
    expect(enumOf(facts, 'ChatType')).toEqual(['dialog', 'chat', 'channel']);
    expect(enumOf(facts, 'ChatStatus')).toContain('suspended');
    expect(enumOf(facts, 'SenderAction')).toContain('mark_seen');
  });
});

describe('the Max facts (snapshot 2026-07-01)', () => {
  const facts = schemaFacts('max');
  const tamtam = schemaFacts('tamtam');

  it('point at platform-api2 and differ from TamTam by the documented operations', () => {
    expect(facts.servers).toEqual(['https://platform-api2.max.ru']);
    const ops = new Set(Object.keys(facts.operations));
    const tamtamOps = new Set(Object.keys(tamtam.operations));
    expect([...tamtamOps].filter((id) => !ops.has(id)).sort()).toEqual(['construct', 'editMyInfo']);
    expect([...ops].filter((id) => !tamtamOps.has(id)).sort()).toEqual([
      'deleteAdmin',
      'getVideoAttachmentDetails',
      'postAdmins',
    ]);
    expect(facts.operations['postAdmins']).toMatchObject({ method: 'POST', path: '/chats/{chatId}/members/admins' });
    expect(facts.operations['deleteAdmin']).toMatchObject({
      method: 'DELETE',
      path: '/chats/{chatId}/members/admins/{userId}',
    });
    expect(facts.operations['getVideoAttachmentDetails']).toMatchObject({
      method: 'GET',
      path: '/videos/{videoToken}',
    });
  });

  it('know the 15 update types: five more than the shared ten, three fewer than TamTam', () => {
    expect(updateTypes(facts)).toEqual(
      [
        ...SHARED_UPDATE_TYPES,
        'bot_stopped',
        'dialog_cleared',
        'dialog_muted',
        'dialog_unmuted',
        'dialog_removed',
      ].sort(),
    );
  });

  it('keep the model differences', () => {
    expect(facts.schemas['User']?.required).toContain('first_name');
    expect(enumOf(facts, 'ChatType')).toEqual(['chat']);
    expect(enumOf(facts, 'ChatStatus')).not.toContain('suspended');
    expect(enumOf(facts, 'SenderAction')).not.toContain('mark_seen');
    expect(Object.keys(facts.schemas['Button']?.discriminator?.mapping ?? {})).not.toContain('chat');
    expect(Object.keys(facts.schemas['MarkupElement']?.discriminator?.mapping ?? {})).toContain('quote');
    const secret = facts.schemas['SubscriptionRequestBody']?.properties?.['secret'];
    expect(secret).toMatchObject({ minLength: 5, maxLength: 256, pattern: '^[a-zA-Z0-9_-]{5,256}$' });
  });

  it('say getChats documents no responses (the document dropped them)', () => {
    expect(facts.operations['getChats']?.responses).toEqual({});
    expect(facts.quirks.some((q) => q.startsWith('operation documents no responses') && q.endsWith('getChats'))).toBe(
      true,
    );
  });
});

describe.each(SCHEMA_DIALECTS)('the %s facts file', (dialect) => {
  const facts = schemaFacts(dialect);
  const text = readFileSync(join(root, OUTPUTS[dialect]), 'utf8');

  it('is written byte-stable (sorted keys, laid out by the project formatter)', () => {
    expect(renderFacts(JSON.parse(text) as DialectFacts)).toBe(text);
  });

  it('holds structure only: no prose keys, no sentence anywhere outside the quirks', () => {
    const problems: string[] = [];
    const walk = (value: unknown, where: string, namesOnly: boolean): void => {
      if (typeof value === 'string') {
        if (/\s/.test(value)) problems.push(`${where}: ${value}`);
        return;
      }
      if (typeof value !== 'object' || value === null) return;
      for (const [key, inner] of Object.entries(value)) {
        // Keys of `properties`, `mapping` and the operation/parameter tables are names.
        if (!namesOnly && ['description', 'summary', 'title', 'example', 'examples'].includes(key))
          problems.push(`${where}.${key}`);
        if (!namesOnly && key.startsWith('x-')) problems.push(`${where}.${key}`);
        const names = [
          'properties',
          'mapping',
          'schemas',
          'operations',
          'path',
          'query',
          'header',
          'responses',
          'security',
        ].includes(key);
        walk(inner, `${where}.${key}`, names && typeof inner === 'object' && !Array.isArray(inner));
      }
    };
    const { quirks: _quirks, ...structure } = facts;
    walk(structure, dialect, false);
    expect(problems).toEqual([]);
  });

  it('only references components it defines', () => {
    const names = new Set(Object.keys(facts.schemas));
    const dangling: string[] = [];
    const walk = (fact: SchemaFact | undefined): void => {
      if (!fact) return;
      if (fact.ref !== undefined && !names.has(fact.ref)) dangling.push(fact.ref);
      for (const target of Object.values(fact.discriminator?.mapping ?? {}))
        if (!names.has(target)) dangling.push(target);
      for (const p of Object.values(fact.properties ?? {})) walk(p);
      for (const part of [...(fact.allOf ?? []), ...(fact.oneOf ?? []), ...(fact.anyOf ?? [])]) walk(part);
      walk(fact.items);
      if (typeof fact.additionalProperties === 'object') walk(fact.additionalProperties);
    };
    for (const fact of Object.values(facts.schemas)) walk(fact);
    for (const op of Object.values(facts.operations)) {
      walk(op.requestBody?.schema);
      for (const r of Object.values(op.responses)) walk(r.body?.schema);
      for (const p of [...Object.values(op.parameters.path), ...Object.values(op.parameters.query)]) walk(p.schema);
    }
    expect(dangling).toEqual([]);
  });

  it('lists, among its quirks, the MessageBody `link` that is required but never declared', () => {
    expect(facts.quirks).toContain('required field not declared by any property; dropped: MessageBody.required.link');
    expect(facts.schemas['MessageBody']?.required).not.toContain('link');
  });

  it.skipIf(!haveDocuments)('matches a fresh extraction from the documents in ../shared', () => {
    const fresh = renderFacts(extractFacts(dialect, readFileSync(join(shared, SOURCES[dialect]), 'utf8')));
    expect(fresh === text, `${OUTPUTS[dialect]} is stale: run npm run schema:facts`).toBe(true);
  });
});

describe('the extractor', () => {
  /** A small document with every quirk the real ones have, and prose to drop. */
  const DOC = `
openapi: 3.0.0
info: { version: 9.9.9, title: Sample API, description: Prose that must not survive }
servers: [{ url: 'https://api.example' }]
paths:
  /things/{thingId}:
    get:
      operationId: getThing
      summary: Get a thing
      description: Long prose
      parameters:
        - { name: thingId, in: path, required: true, schema: { type: integer, format: int64, pattern: '\\-?\\d+' } }
        - { name: ids, in: query, style: simple, schema: { type: array, format: string, items: { type: string } } }
        - { name: limit, in: query, description: How many, example: 5, schema: { type: integer, minimum: 1, maximum: 10, default: '5' } }
      responses:
        '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } } }
        '404': { $ref: '#/components/responses/NotFound' }
  /things:
    post:
      operationId: addThings
      requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/Ids' } } } }
components:
  responses:
    NotFound: { description: Not found, content: { application/json: { schema: { $ref: '#/components/schemas/Error' } } } }
  schemas:
    Error: { properties: { code: { type: string } }, required: [code] }
    Owner: { properties: { id: { type: integer } }, required: [id] }
    Thing:
      description: A thing
      discriminator:
        propertyName: kind
        mapping:
          box: { $ref: '#/components/schemas/Box' }
      properties:
        kind: { type: string, example: box }
        owner: { nullable: true, readOnly: false, allOf: [{ $ref: '#/components/schemas/Owner' }] }
        thumb: { type: string, nullable: true, allOf: [{ $ref: '#/components/schemas/Owner' }] }
      required: [kind, owner, ghost]
    Box:
      allOf:
        - $ref: '#/components/schemas/Thing'
        - properties: { size: { type: integer, summary: stray prose } }
    Crate:
      allOf: [{ $ref: '#/components/schemas/Thing' }]
    Ids:
      properties:
        ids:
          name: ids
          required: true
          style: simple
          schema: { type: array, items: { type: integer, maxItems: '100' } }
      required: [ids]
`;
  const facts = extractFacts('tamtam', DOC);

  it('keeps structure and drops prose', () => {
    expect(facts.source).toMatchObject({ version: '9.9.9', openapi: '3.0.0' });
    expect(facts.schemas['Thing']?.properties?.['kind']).toEqual({ type: 'string' });
    expect(facts.operations['getThing']).toEqual({
      method: 'GET',
      path: '/things/{thingId}',
      parameters: {
        header: {},
        path: { thingId: { required: true, schema: { type: 'integer', format: 'int64' } } },
        query: {
          ids: { required: false, style: 'simple', schema: { type: 'array', items: { type: 'string' } } },
          limit: { required: false, schema: { type: 'integer', minimum: 1, maximum: 10, default: 5 } },
        },
      },
      responses: {
        '200': { body: { mediaType: 'application/json', schema: { ref: 'Thing' } } },
        '404': { body: { mediaType: 'application/json', schema: { ref: 'Error' } }, component: 'NotFound' },
      },
      success: [200],
      errors: [404],
    });
    expect(JSON.stringify(facts)).not.toMatch(/prose|How many|A thing|Get a thing|Sample API/i);
  });

  it('normalizes the quirks and lists each one', () => {
    expect(facts.schemas['Thing']).toMatchObject({
      discriminator: { propertyName: 'kind', mapping: { box: 'Box' } },
      required: ['kind', 'owner'],
    });
    expect(facts.schemas['Thing']?.properties?.['owner']).toEqual({ nullable: true, allOf: [{ ref: 'Owner' }] });
    expect(facts.schemas['Thing']?.properties?.['thumb']).toEqual({ nullable: true, allOf: [{ ref: 'Owner' }] });
    expect(facts.schemas['Ids']?.properties?.['ids']).toEqual({ type: 'array', items: { type: 'integer' } });
    expect(facts.operations['addThings']?.responses).toEqual({});
    expect(facts.quirks).toEqual([
      '`default` given as a string for type integer; read as a number: getThing.query.limit.default',
      '`format` on a schema of type array has no effect; dropped: getThing.query.ids.format',
      '`maxItems` given as a string; read as a number: Ids.properties.ids.items.maxItems',
      '`maxItems` on a schema of type integer has no effect; dropped: Ids.properties.ids.items.maxItems',
      '`pattern` on a schema of type integer has no effect; dropped: getThing.path.thingId.pattern',
      '`summary` is not a Schema Object keyword; dropped: Box.allOf[1].properties.size.summary',
      "`type` contradicts the type of its allOf reference; the reference's type (object) is kept: Thing.properties.thumb.type",
      'discriminator mapping value written as a `$ref` object (must be a string); read as its pointer: Thing.discriminator.mapping',
      'extends Thing but is missing from its discriminator mapping (rejected where Thing is expected): Crate',
      'operation documents no responses: addThings',
      'property written as a parameter (name/required/schema/style); its schema is used: Ids.properties.ids',
      'required field not declared by any property; dropped: Thing.required.ghost',
    ]);
  });

  it('renders the same bytes for the same document', () => {
    expect(renderFacts(extractFacts('tamtam', DOC))).toBe(renderFacts(facts));
  });

  it('fails loudly on what it cannot represent', () => {
    expect(() => extractFacts('tamtam', DOC.replace("schemas/Ids'", "schemas/Nope'"))).toThrow(
      /addThings\.requestBody: references undefined component Nope/,
    );
    expect(() => extractFacts('tamtam', DOC.replace('type: integer, minimum: 1', 'type: int, minimum: 1'))).toThrow(
      /getThing\.query\.limit\.type: unsupported type "int"/,
    );
    expect(() => extractFacts('tamtam', 'openapi: 3.0.0\nopenapi: 3.0.1\n')).toThrow(/unique|duplicate/i);
  });

  it('says in one line where the documents are missing', async () => {
    const run = promisify(execFile);
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const error = await run(tsx, ['scripts/extract-schema-facts.ts', '--shared', '/nonexistent/shared', '--check'], {
      cwd: root,
    }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stderr.trim().split('\n')).toHaveLength(1);
    expect(error?.stderr).toMatch(
      /^extract-schema-facts: schema not found: \/nonexistent\/shared\/tamtam-bot-api\/schema\.yaml/,
    );
  });
});

describe('the published root entry', () => {
  it('does not bundle the schema facts', async () => {
    const result = await build({
      entryPoints: [join(root, 'src/index.ts')],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      external: ['rxjs', 'rxjs/*', 'ky'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.length).toBeGreaterThan(10);
    expect(inputs.filter((file) => file.includes('schema-facts'))).toEqual([]);
  });
});
