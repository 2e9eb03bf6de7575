/**
 * Builders for what a bot sends: keyboards, typed callback payloads, formatted text and
 * attachment requests.
 */
export { KEYBOARD_LIMITS, type KeyboardLimit } from './limits';
export { KeyboardError, isKeyboardError, type KeyboardPosition } from './keyboard-error';
export {
  payloadCodec,
  jsonPayloadCodec,
  type PayloadCodec,
  type DecodeResult,
  type PayloadOf,
  type PayloadFieldKind,
  type PayloadFields,
  type PayloadValue,
} from './payload-codec';
export {
  callbackButton,
  linkButton,
  requestContactButton,
  requestGeoLocationButton,
  chatButton,
  type CallbackButtonOptions,
  type RequestGeoLocationButtonOptions,
  type ChatButtonOptions,
} from './buttons';
export { inlineKeyboard, buttonGrid, type InlineKeyboardOf } from './inline-keyboard';
export { FormattedText, isFormattedText, type FormatInput } from './formatted-text';
export { md, escapeMarkdown, type MarkdownBuilder } from './markdown';
export { html, escapeHtml, type HtmlBuilder } from './html';
export { attach, type AttachBuilders, type ImageSource, type MediaSource, type ContactSource } from './attachments';
