import { describe, expect, it } from 'vitest';
import { answerOnCallback, construct } from '../../src/actions/index';
import type { CallbackAnswer, ConstructorAnswer } from '../../src/types/index';
import { sampleButtons, sampleUpdates } from '../fixtures/updates';
import { apiError, success } from './responses';
import { expectCold, expectGuards, expectOnlyRequest, expectRequest, failureOf, run, useWire } from './support';

const wire = useWire();
const CALLBACK_ID = sampleUpdates.message_callback.callback.callback_id;
const SESSION_ID = sampleUpdates.message_construction_request.session_id;

describe('answerOnCallback', () => {
  it('POSTs to /answers with callback_id in the query and the CallbackAnswer as JSON', async () => {
    const answer: CallbackAnswer = {
      notification: 'Deploying 482…',
      message: {
        text: 'Deploy 482 to production? *Approved*',
        format: 'markdown',
        attachments: [{ type: 'inline_keyboard', payload: { buttons: [[sampleButtons.link]] } }],
      },
    };
    wire.server.queue({ body: success });
    expect(await run(answerOnCallback(wire.api, CALLBACK_ID, answer))).toEqual(success);
    expectOnlyRequest(wire.server, {
      method: 'POST',
      path: '/answers',
      query: { callback_id: CALLBACK_ID },
      json: answer,
    });
  });

  it('sends a notification-only answer as is', async () => {
    wire.server.queue({ body: success });
    await run(answerOnCallback(wire.api, CALLBACK_ID, { notification: 'Thanks!' }));
    expectRequest(wire.server.requests[0], {
      method: 'POST',
      path: '/answers',
      query: { callback_id: CALLBACK_ID },
      json: { notification: 'Thanks!' },
    });
  });

  it('reports a 405 (callback already answered or expired) as a typed error without retrying', async () => {
    wire.server.respond(() => ({ status: 405, body: apiError('not.allowed', 'Callback is expired') }));
    const error = await failureOf(answerOnCallback(wire.api, CALLBACK_ID, { notification: 'late' }));
    expect(error).toMatchObject({
      name: 'TamTamApiError',
      status: 405,
      code: 'not.allowed',
      operation: 'answerOnCallback',
      path: '/answers',
    });
    expect(wire.server.requests).toHaveLength(1);
  });

  it('refuses an answer with neither message nor notification, or an empty callback id, sending nothing', async () => {
    await expectGuards(wire.server, [
      [
        answerOnCallback(wire.api, CALLBACK_ID, {}),
        /^answerOnCallback: answer needs a `notification` text, a new `message`, or both/,
      ],
      [
        answerOnCallback(wire.api, CALLBACK_ID, { message: null, notification: null }),
        /^answerOnCallback: answer needs/,
      ],
      [
        answerOnCallback(wire.api, CALLBACK_ID, null as unknown as CallbackAnswer),
        /^answerOnCallback: answer must be an object/,
      ],
      [
        answerOnCallback(wire.api, '', { notification: 'hi' }),
        /^answerOnCallback: callbackId must be a non-empty string/,
      ],
    ]);
  });
});

describe('construct', () => {
  it('POSTs to /answers/constructor with session_id in the query and the ConstructorAnswer as JSON', async () => {
    const answer: ConstructorAnswer = {
      messages: [{ text: 'Poll: lunch at 13:00?', format: 'markdown' }],
      allow_user_input: true,
      hint: 'Type a question',
      data: '{"step":2}',
      keyboard: { buttons: [[sampleButtons.callback]] },
      placeholder: 'Question…',
    };
    wire.server.queue({ body: success });
    expect(await run(construct(wire.api, SESSION_ID, answer))).toEqual(success);
    expectOnlyRequest(wire.server, {
      method: 'POST',
      path: '/answers/constructor',
      query: { session_id: SESSION_ID },
      json: answer,
    });
  });

  it('refuses an empty session id or a non-object answer, sending nothing', async () => {
    await expectGuards(wire.server, [
      [construct(wire.api, '', { hint: 'x' }), /^construct: sessionId must be a non-empty string/],
      [construct(wire.api, SESSION_ID, 'done' as unknown as ConstructorAnswer), /^construct: answer must be an object/],
    ]);
  });
});

describe('answer actions are cold', () => {
  it('send nothing before subscribe', async () => {
    wire.server.respond(() => ({ body: success }));
    await expectCold(wire.server, [
      answerOnCallback(wire.api, CALLBACK_ID, { notification: 'ok' }),
      construct(wire.api, SESSION_ID, {}),
    ]);
  });
});
