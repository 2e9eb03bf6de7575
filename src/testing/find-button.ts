/**
 * Finding a button on a message's inline keyboard, for simulated presses.
 */
import { type ButtonSelector, describeButtons, inlineKeyboardButtons, selectButton } from '../emulator/state/buttons';
import type { Button, CallbackButton, Message } from '../types/index';

export type { ButtonSelector } from '../emulator/state/buttons';

/**
 * Every button of `message`'s inline keyboard, row by row (empty when it has none).
 *
 * @example
 * keyboardButtons(message).map((b) => b.text); // ['👍 0', '👎 0']
 */
export function keyboardButtons(message: Message): Button[] {
  return inlineKeyboardButtons(message.body.attachments);
}

const WHAT_IT_DOES: Readonly<Record<Exclude<Button['type'], 'callback'>, string>> = {
  link: 'opens a URL and sends nothing to the bot',
  request_contact:
    'makes the user send a message with a contact attachment: build that with textMessage(null, { attachments: [contact] })',
  request_geo_location:
    'makes the user send a message with a location attachment: build that with textMessage(null, { attachments: [location] })',
  chat: 'creates a chat: build that update with messageChatCreated()',
};

/**
 * The callback button of `message` that `selector` names. Throws an Error listing the
 * buttons there are when none matches, and saying what happens instead for other kinds.
 *
 * @example
 * findCallbackButton(message, 'Yes').payload; // 'vote:yes'
 */
export function findCallbackButton(message: Message, selector: ButtonSelector): CallbackButton {
  const buttons = keyboardButtons(message);
  if (buttons.length === 0) {
    throw new Error(
      `pressButton: message ${message.body.mid} has no inline keyboard (text: ${JSON.stringify(message.body.text)})`,
    );
  }
  const found = selectButton(buttons, selector);
  if (found === undefined) {
    throw new Error(
      `pressButton: no button ${JSON.stringify(selector)} on message ${message.body.mid}; it has ${describeButtons(buttons)}`,
    );
  }
  if (found.type !== 'callback') {
    throw new Error(
      `pressButton: ${JSON.stringify(found.text)} is a ${found.type} button; pressing it ${WHAT_IT_DOES[found.type]}`,
    );
  }
  return found;
}
