/**
 * Answers to button presses and construction requests.
 */
import type { CallbackAnswer, ConstructedMessageBody, ConstructorAnswer, NewMessageBody } from '../../types';
import { TEXT_FORMATS } from '../../types';
import { badBody, notFound } from '../http/api-error';
import { readAttachments } from '../state/attachments';
import { readKeyboard } from '../state/keyboard';
import { applyEdit, MAX_TEXT_LENGTH, readMessageDraft } from '../state/message-draft';
import { toMessage } from '../state/wire';
import type { ApiOperation } from './context';
import { success } from './guards';

/**
 * answerOnCallback: replaces the pressed message and/or shows a notification to the user.
 * Every answer is recorded for inspection.
 *
 * @example
 * POST /answers?callback_id=cb.00000001 { "notification": "Saved" }
 */
export const answerOnCallback: ApiOperation<'answerOnCallback'> = {
  operation: 'answerOnCallback',
  handle: (ctx) => {
    const { world } = ctx;
    const callbackId = ctx.query.requiredString('callback_id');
    const body = ctx.body();
    const notification = body.string('notification', { min: 1, max: 1024 });
    const messageBody = body.object('message');
    if (!messageBody && notification === undefined) {
      throw badBody('An answer needs `message` and/or `notification`');
    }
    const callback = world.callbacks.get(callbackId);
    if (!callback) throw notFound('callback.not.found', `Callback ${callbackId} is unknown (or from another run)`);
    const draft = messageBody ? readMessageDraft(messageBody, world) : undefined;
    const answer: CallbackAnswer = {};
    if (messageBody) answer.message = structuredClone(messageBody.value) as unknown as NewMessageBody;
    if (notification !== undefined) answer.notification = notification;
    const record = world.messages.get(callback.mid);
    if (draft && record) {
      applyEdit(record, draft);
      world.events.emit({ type: 'message_edited', chatId: record.chatId, message: toMessage(world, record) });
    }
    world.journal.callbackAnswers.push({
      callbackId,
      userId: callback.userId,
      chatId: callback.chatId,
      messageId: callback.mid,
      answer,
      at: world.now(),
    });
    world.events.emit({ type: 'callback_answered', callbackId, userId: callback.userId, answer });
    return success();
  },
};

/**
 * construct: the bot's answer in a constructor session; `data` is echoed in the next request.
 *
 * @example
 * POST /answers/constructor?session_id=cs.00000001 { "messages": [{ "text": "Draft" }] }
 */
export const construct: ApiOperation<'construct'> = {
  operation: 'construct',
  handle: (ctx) => {
    const { world } = ctx;
    const sessionId = ctx.query.requiredString('session_id');
    const body = ctx.body();
    const messages = body.objects('messages', { max: 100 })?.map((m): ConstructedMessageBody => {
      const text = m.string('text', { max: MAX_TEXT_LENGTH });
      const format = m.enumValue('format', TEXT_FORMATS);
      const attachments = m.objects('attachments');
      if (attachments) readAttachments(attachments, world);
      return structuredClone({
        ...(text === undefined ? {} : { text }),
        ...(format === undefined ? {} : { format }),
        ...(attachments ? { attachments: m.value['attachments'] } : {}),
      }) as ConstructedMessageBody;
    });
    const keyboard = body.object('keyboard');
    const answer: ConstructorAnswer = {};
    if (messages) answer.messages = messages;
    const allowUserInput = body.bool('allow_user_input');
    if (allowUserInput !== undefined) answer.allow_user_input = allowUserInput;
    const hint = body.string('hint', { max: 1024 });
    if (hint !== undefined) answer.hint = hint;
    const data = body.string('data', { max: 8192 });
    if (data !== undefined) answer.data = data;
    if (keyboard) answer.keyboard = readKeyboard(keyboard, world.ids, world.dialect);
    const placeholder = body.string('placeholder', { max: 1024 });
    if (placeholder !== undefined) answer.placeholder = placeholder;
    const session = world.sessions.get(sessionId);
    if (!session) throw notFound('session.not.found', `Constructor session ${sessionId} is unknown`);
    session.lastAnswer = answer;
    if (data !== undefined) session.data = data;
    world.journal.constructorAnswers.push({ sessionId, userId: session.userId, answer, at: world.now() });
    return success();
  },
};
