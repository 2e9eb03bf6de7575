import { describe, expect, it } from 'vitest';
import { OPERATION_IDS, TAMTAM_OPERATIONS, defineOperation, type OperationTable } from '../../src/api/index';
import { TAMTAM_HANDLERS, createApiRouter } from '../../src/emulator/api/routes';
import { Router } from '../../src/emulator/http/router';
import type { BotInfo, Chat } from '../../src/types/index';

/** A concrete path for a row: integers -7, strings a value the row's pattern allows. */
function samplePath(template: string): string {
  return template.replace('{chatId}', '-7').replace('{chatLink}', '@lounge').replace('{messageId}', 'mid.1');
}

describe('the emulator routes what the operation table says', () => {
  const router = createApiRouter();

  it.each(OPERATION_IDS.filter((id) => id !== 'uploadFile'))('%s: its method and path reach its handler', (id) => {
    const row = TAMTAM_OPERATIONS[id];
    if (row.path === null) throw new Error('routed rows have a path');
    const match = router.match(row.method, samplePath(row.path));
    expect(match.kind).toBe('found');
    if (match.kind === 'found') expect(match.handler.operation).toBe(id);
  });

  it('tells /chats/{chatId} from /chats/{chatLink} by the parameter kinds', () => {
    expect(router.match('GET', '/chats/-70000000001')).toMatchObject({
      kind: 'found',
      handler: { operation: 'getChat' },
      params: { chatId: '-70000000001' },
    });
    expect(router.match('GET', '/chats/%40lounge')).toMatchObject({
      kind: 'found',
      handler: { operation: 'getChatByLink' },
      params: { chatLink: '@lounge' },
    });
    expect(router.match('GET', '/chats/12abc')).toEqual({ kind: 'not-found' });
  });

  it('answers 405 with the methods the path has, and 404 for unknown paths', () => {
    expect(router.match('PATCH', '/messages')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['GET', 'POST', 'PUT', 'DELETE'],
    });
    expect(router.match('POST', '/chats/-7/pin')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['GET', 'PUT', 'DELETE'],
    });
    expect(router.match('PATCH', '/chats/@lounge')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
    expect(router.match('GET', '/nope')).toEqual({ kind: 'not-found' });
    expect(router.match('POST', '/_upload/x')).toEqual({ kind: 'not-found' }); // uploadFile has no route
  });

  it('never finds a handler on the prototype chain', () => {
    expect(router.match('constructor', '/me')).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'PATCH'] });
    expect(router.match('__proto__', '/me').kind).toBe('method-not-allowed');
    expect(new Router<string>().add('/x/:id', { GET: 'h' }, {}).match('GET', '/x/toString')).toMatchObject({
      kind: 'found',
      params: { id: 'toString' },
    });
  });

  it('routes another table only where it has rows and handlers (a dialect serves exactly its operations)', () => {
    const table = {
      getMyInfo: defineOperation<BotInfo>()({ method: 'GET', path: '/me', params: {} }),
      getChat: defineOperation<Chat>()({
        method: 'GET',
        path: '/chats/{chatId}',
        params: { chatId: { type: 'integer' } },
      }),
    } as const satisfies OperationTable;
    const small = createApiRouter(table, { getMyInfo: TAMTAM_HANDLERS.getMyInfo });
    expect(small.match('GET', '/me')).toMatchObject({ kind: 'found', handler: { operation: 'getMyInfo' } });
    expect(small.match('PATCH', '/me')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
    expect(small.match('GET', '/chats/-7')).toEqual({ kind: 'not-found' });
  });
});
