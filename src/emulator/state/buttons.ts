/**
 * Choosing a button of an inline keyboard by its text or payload: the one rule the emulator's
 * users and the test kit's `pressButton` both follow.
 */
import type { Attachment, Button } from '../../types';

/**
 * Which button to press: its visible text or its payload. A plain string tries the text
 * first, then the payload of a callback button.
 *
 * @example
 * const byText: ButtonSelector = 'Yes';
 * const byPayload: ButtonSelector = { payload: 'vote:yes' };
 */
export type ButtonSelector = string | { readonly text: string } | { readonly payload: string };

/**
 * Every button of the inline keyboard among `attachments`, row by row (empty when there is
 * none).
 *
 * @example
 * inlineKeyboardButtons(message.body.attachments).map((b) => b.text); // ['👍 0', '👎 0']
 */
export function inlineKeyboardButtons(attachments: readonly Attachment[] | null | undefined): Button[] {
  return (attachments ?? []).flatMap((a) => (a.type === 'inline_keyboard' ? a.payload.buttons.flat() : []));
}

/**
 * The button `selector` names among `buttons`, or `undefined`. A string matches a button's
 * text first, then a callback button's payload; `{ text }` and `{ payload }` match only that.
 *
 * @example
 * selectButton(inlineKeyboardButtons(attachments), { payload: 'vote:yes' })?.text; // 'Yes'
 */
export function selectButton(buttons: readonly Button[], selector: ButtonSelector): Button | undefined {
  const byText = (text: string): Button | undefined => buttons.find((b) => b.text === text);
  const byPayload = (payload: string): Button | undefined =>
    buttons.find((b) => b.type === 'callback' && b.payload === payload);
  if (typeof selector === 'string') return byText(selector) ?? byPayload(selector);
  return 'text' in selector ? byText(selector.text) : byPayload(selector.payload);
}

/**
 * The buttons as a readable list for error messages: callback buttons with their payload,
 * others with their type.
 *
 * @example
 * describeButtons(buttons); // '"Yes" (vote:yes), "Docs" [link]'
 */
export function describeButtons(buttons: readonly Button[]): string {
  return buttons
    .map((b) =>
      b.type === 'callback' ? `${JSON.stringify(b.text)} (${b.payload})` : `${JSON.stringify(b.text)} [${b.type}]`,
    )
    .join(', ');
}
