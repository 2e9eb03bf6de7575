/**
 * Reading a `NewMessageBody` (send, edit, callback answer) into a checked draft.
 */
import type { Attachment, LinkedMessage, MarkupElement, NewMessageLink } from '../../types';
import { MESSAGE_LINK_TYPES, TEXT_FORMATS } from '../../types';
import { badBody } from '../http/api-error';
import type { JsonObject } from '../http/json-body';
import { readAttachments } from './attachments';
import { parseHtml } from './markup/html';
import { parseMarkdown } from './markup/markdown';
import type { MessageRecord } from './records';
import { toMessageBody, toUser } from './wire';
import type { World } from './world';

/**
 * Longest text a message may have.
 *
 * @example
 * if (text.length > MAX_TEXT_LENGTH) throw new Error('too long');
 */
export const MAX_TEXT_LENGTH = 4000;

/**
 * A checked new message body. `undefined` text or attachments mean "not given" (an edit keeps
 * the current value).
 *
 * @example
 * const draft = readMessageDraft(JsonObject.parse(raw), world);
 */
export interface MessageDraft {
  text: string | null | undefined;
  markup: MarkupElement[] | null;
  attachments: Attachment[] | undefined;
  link: NewMessageLink | null;
  notify: boolean;
}

/**
 * Checks a `NewMessageBody` and converts its attachments and formatting.
 *
 * @example
 * readMessageDraft(JsonObject.of({ text: '**hi**', format: 'markdown' }, 'body'), world).markup;
 */
export function readMessageDraft(body: JsonObject, world: World): MessageDraft {
  const source = body.string('text', { max: MAX_TEXT_LENGTH });
  const format = body.enumValue('format', TEXT_FORMATS);
  const linkBody = body.object('link');
  let link: NewMessageLink | null = null;
  if (linkBody) {
    const type = linkBody.enumValue('type', MESSAGE_LINK_TYPES);
    if (type === undefined) throw badBody(`\`${linkBody.path('type')}\` is required (forward or reply)`);
    link = { type, mid: linkBody.requiredString('mid', { min: 1 }) };
  }
  const notify = body.bool('notify') ?? true;
  const requests = body.objects('attachments');
  const attachments = requests === undefined ? undefined : readAttachments(requests, world);
  if (source === undefined || format === undefined) {
    return { text: source, markup: null, attachments, link, notify };
  }
  const parsed = format === 'markdown' ? parseMarkdown(source) : parseHtml(source);
  return {
    text: parsed.text,
    markup: parsed.markup.length > 0 ? parsed.markup : null,
    attachments,
    link,
    notify,
  };
}

/**
 * The stored content of a new message from a draft; 400 if it would be empty.
 *
 * @example
 * world.addMessage(chat, botId, contentOf(draft, linked));
 */
export function contentOf(
  draft: MessageDraft,
  link: LinkedMessage | null,
): Pick<MessageRecord, 'text' | 'attachments' | 'markup' | 'link' | 'constructorId'> {
  const attachments = draft.attachments && draft.attachments.length > 0 ? draft.attachments : null;
  const text = draft.text ?? null;
  if ((text === null || text === '') && attachments === null && link === null) {
    throw badBody('A message needs text, attachments or a link (forward); all are empty');
  }
  return { text: text ?? (link ? null : ''), attachments, markup: draft.markup, link, constructorId: null };
}

/**
 * Resolves a reply/forward link: the original must exist and be visible from `visibleIn`
 * (for replies it must be in the same chat).
 *
 * @example
 * const linked = linkedMessage(world, draft.link, chat.chatId);
 */
export function linkedMessage(world: World, link: NewMessageLink | null, targetChatId: number): LinkedMessage | null {
  if (link === null) return null;
  const original = world.messages.get(link.mid);
  if (!original) throw badBody(`\`body.link.mid\` ${link.mid} is not an existing message`);
  if (link.type === 'reply' && original.chatId !== targetChatId) {
    throw badBody(`\`body.link.mid\` ${link.mid} is in another chat; a reply must quote a message of the same chat`);
  }
  const linked: LinkedMessage = { type: link.type, message: toMessageBody(original) };
  if (original.senderId !== null) linked.sender = toUser(world.user(original.senderId), world.dialect);
  if (link.type === 'forward') linked.chat_id = original.chatId;
  return linked;
}

/**
 * Applies an edit draft to a message: given fields replace, missing (or `null` attachments)
 * keep the current value; an empty attachment list removes all.
 *
 * @example
 * applyEdit(world.message(mid), draft);
 */
export function applyEdit(message: MessageRecord, draft: MessageDraft): void {
  if (draft.text !== undefined && draft.text !== null) {
    message.text = draft.text;
    message.markup = draft.markup;
  }
  if (draft.attachments !== undefined) {
    message.attachments = draft.attachments.length > 0 ? draft.attachments : null;
  }
}
