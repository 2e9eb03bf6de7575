import { describe, expect, it } from 'vitest';
import {
  OPERATION_IDS,
  TAMTAM_DIALECT,
  TAMTAM_OPERATIONS,
  buildRequest,
  defineOperation,
  type OperationTable,
} from '../../src/api/index';
import { schemaFacts } from '../../src/schema-facts/index';
import type { BotInfo } from '../../src/types/index';

describe('the TamTam operation table', () => {
  it('has the 28 schema operations plus uploadFile, in schema order', () => {
    expect(OPERATION_IDS).toHaveLength(29);
    expect(OPERATION_IDS.slice(0, 3)).toEqual(['getMyInfo', 'editMyInfo', 'getChats']);
    expect(OPERATION_IDS.at(-1)).toBe('uploadFile');
    expect(Object.isFrozen(OPERATION_IDS)).toBe(true);
  });

  it('declares every {param} of every path, and nothing else', () => {
    for (const [id, row] of Object.entries(TAMTAM_OPERATIONS)) {
      const named = [...(row.path ?? '').matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(Object.keys(row.params).sort(), id).toEqual(named.sort());
    }
  });

  it('matches the official schema: method, path and path parameter kinds of every operation', () => {
    const facts = schemaFacts('tamtam').operations;
    expect(Object.keys(facts).sort()).toEqual(OPERATION_IDS.filter((id) => id !== 'uploadFile').sort());
    for (const [id, fact] of Object.entries(facts)) {
      const table: OperationTable = TAMTAM_OPERATIONS;
      const row = Object.hasOwn(table, id) ? table[id] : undefined;
      expect({ id, method: row?.method, path: row?.path }).toEqual({ id, method: fact.method, path: fact.path });
      const kinds = Object.fromEntries(
        Object.entries(fact.parameters.path).map(([name, p]) => [
          name,
          p.schema.type === 'integer' ? 'integer' : 'string',
        ]),
      );
      expect(
        Object.fromEntries(Object.entries(row?.params ?? {}).map(([name, spec]) => [name, spec.type])),
        id,
      ).toEqual(kinds);
    }
    const chatLink = facts['getChatByLink']?.parameters.path['chatLink']?.schema.pattern;
    expect(TAMTAM_OPERATIONS.getChatByLink.params.chatLink.pattern.source).toBe(`^${chatLink}$`);
  });

  it('has a shape a Max table fits: every Max operation is a method, a template and integer/string path parameters', () => {
    for (const [id, fact] of Object.entries(schemaFacts('max').operations)) {
      expect(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], id).toContain(fact.method);
      for (const [name, parameter] of Object.entries(fact.parameters.path)) {
        expect(fact.path, id).toContain(`{${name}}`);
        expect(['integer', 'string'], `${id}.${name}`).toContain(parameter.schema.type);
      }
    }
  });

  it('is the TamTam dialect, with its update types, defaults and limits', () => {
    expect(TAMTAM_DIALECT.operations).toBe(TAMTAM_OPERATIONS);
    expect(TAMTAM_DIALECT.updateTypes).toHaveLength(13);
    expect(TAMTAM_DIALECT).toMatchObject({
      baseUrl: 'https://botapi.tamtam.chat',
      version: '0.5.6',
      auth: { tokenIn: 'query' },
    });
    expect(TAMTAM_DIALECT.limits.messageTextLength).toBe(4000);
  });
});

describe('buildRequest', () => {
  it('takes method and retry settings from the row and fills the path template', () => {
    expect(buildRequest(TAMTAM_OPERATIONS, 'getChat', { params: { chatId: -42 } })).toEqual({
      operation: 'getChat',
      method: 'GET',
      path: '/chats/-42',
    });
    expect(buildRequest(TAMTAM_OPERATIONS, 'sendMessage', { query: { chat_id: 1 }, json: { text: 'hi' } })).toEqual({
      operation: 'sendMessage',
      method: 'POST',
      path: '/messages',
      query: { chat_id: 1 },
      json: { text: 'hi' },
      retry: { errorCodes: ['attachment.not.ready'] },
    });
  });

  it('percent-encodes string path parameters', () => {
    expect(buildRequest(TAMTAM_OPERATIONS, 'getMessageById', { params: { messageId: 'mid/1?x' } }).path).toBe(
      '/messages/mid%2F1%3Fx',
    );
  });

  it('sends rows without a path to the absolute url given', () => {
    const body = new FormData();
    expect(buildRequest(TAMTAM_OPERATIONS, 'uploadFile', { url: 'https://upload.example/u1', body })).toEqual({
      operation: 'uploadFile',
      method: 'POST',
      path: '',
      absoluteUrl: 'https://upload.example/u1',
      body,
    });
  });

  it('refuses bad path parameters with a TypeError naming the operation and the parameter', () => {
    expect(() => buildRequest(TAMTAM_OPERATIONS, 'getChat', { params: { chatId: 1.5 } })).toThrow(
      new TypeError('getChat: chatId must be an integer, got 1.5'),
    );
    expect(() => buildRequest(TAMTAM_OPERATIONS, 'getChatByLink', { params: { chatLink: ' ' } })).toThrow(
      /^getChatByLink: chatLink must be a non-empty string/,
    );
    // @ts-expect-error: a missing parameter is a compile error too
    expect(() => buildRequest(TAMTAM_OPERATIONS, 'getAdmins', {})).toThrow(
      /^getAdmins: chatId must be an integer, got undefined/,
    );
  });

  it('refuses an operation the table does not have (and never reads the prototype)', () => {
    // @ts-expect-error: not an operation of the table
    expect(() => buildRequest(TAMTAM_OPERATIONS, 'toString', {})).toThrow(/unknown operation "toString"/);
  });

  it('works for any table: a second dialect is a second table', () => {
    const table = {
      getMyInfo: defineOperation<BotInfo>()({ method: 'GET', path: '/me', params: {} }),
      getVideo: defineOperation<{ token: string }>()({
        method: 'GET',
        path: '/videos/{videoToken}',
        params: { videoToken: { type: 'string' } },
      }),
    } as const satisfies OperationTable;
    expect(buildRequest(table, 'getVideo', { params: { videoToken: 'v1' } })).toEqual({
      operation: 'getVideo',
      method: 'GET',
      path: '/videos/v1',
    });
  });
});
