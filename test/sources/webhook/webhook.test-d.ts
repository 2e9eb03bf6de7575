import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Observable } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type Webhook,
  type WebhookAnswer,
  type WebhookRejectionCode,
  webhook,
} from '../../../src/sources/webhook/index';
import type { UnknownUpdate, Update } from '../../../src/types';

describe('webhook types', () => {
  const hook = webhook();

  it('emits known updates and unknown ones on separate, typed streams', () => {
    expectTypeOf(hook.updates$).toEqualTypeOf<Observable<Update>>();
    expectTypeOf(hook.unknownUpdates$).toEqualTypeOf<Observable<UnknownUpdate>>();
    // an unknown update is not passed off as a known one
    expectTypeOf<UnknownUpdate>().not.toMatchTypeOf<Update>();
  });

  it('offers handlers that fit node:http, Express and the Fetch API', () => {
    expectTypeOf(hook.nodeHandler).toMatchTypeOf<(req: IncomingMessage, res: ServerResponse) => unknown>();
    expectTypeOf(hook.nodeHandler).toMatchTypeOf<RequestHandler>();
    expectTypeOf(hook.fetchHandler).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(hook.handle).returns.resolves.toEqualTypeOf<WebhookAnswer>();
  });

  it('names rejection codes as a literal union', () => {
    expectTypeOf<'secret.mismatch'>().toMatchTypeOf<WebhookRejectionCode>();
    expectTypeOf<'anything'>().not.toMatchTypeOf<WebhookRejectionCode>();
    expectTypeOf<Webhook['stop']>().returns.resolves.toEqualTypeOf<{ readonly unfinished: number }>();
  });

  it('only accepts known update types to subscribe to', () => {
    webhook({ types: ['message_created', 'bot_started'] });
    // @ts-expect-error not an update type
    webhook({ types: ['message_creatd'] });
  });
});
