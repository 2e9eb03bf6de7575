/**
 * TamTam-flavoured markdown (`format: 'markdown'`) with safe escaping.
 *
 * Syntax used: `**bold**`, `_italic_`, `~~strike~~`, `++underline++`, `^^highlight^^`,
 * `` `code` ``, ```` ```block``` ````, `[text](url)`, `[name](tamtam://user/ID)`, `# heading`.
 */
import { KEYBOARD_LIMITS } from './limits';
import { type FormatInput, FormattedText, render, templateTag } from './formatted-text';

const SPECIAL = /[\\*_~+^`[\]()#]/g;

/**
 * Escapes every character TamTam markdown treats specially (`\ * _ ~ + ^ ` [ ] ( ) #`) with a
 * backslash, so the text renders literally.
 *
 * @example
 * escapeMarkdown('*_Alice_*'); // '\\*\\_Alice\\_\\*'
 */
export function escapeMarkdown(text: string): string {
  return String(text).replace(SPECIAL, '\\$&');
}

const tag = /* @__PURE__ */ templateTag('markdown', escapeMarkdown, 'md');
const part = (value: FormatInput): string => render('markdown', escapeMarkdown, 'md', value);
const wrap =
  (open: string, close = open) =>
  (content: FormatInput): FormattedText =>
    new FormattedText(`${open}${part(content)}${close}`, 'markdown');

/**
 * The `md` template and its helpers. Interpolated values are escaped; helper results and other
 * `md` results are inserted as they are.
 *
 * @example
 * md`${md.bold(order.title)} — ${md.link('track', order.url)}`;
 */
export interface MarkdownBuilder {
  (strings: TemplateStringsArray, ...values: readonly FormatInput[]): FormattedText;
  /** `**bold**`. */
  bold(content: FormatInput): FormattedText;
  /** `_italic_`. Like CommonMark, it does not start right after a letter or digit: leave a space or punctuation before it. */
  italic(content: FormatInput): FormattedText;
  /** `~~strikethrough~~`. */
  strike(content: FormatInput): FormattedText;
  /** `++underline++`. */
  underline(content: FormatInput): FormattedText;
  /** `^^highlighted^^` (red by default in the apps). */
  mark(content: FormatInput): FormattedText;
  /** Inline monospaced text, taken literally (no escaping needed inside). */
  code(content: string | number): FormattedText;
  /** A monospaced block, taken literally; it cannot contain ```` ``` ````. */
  codeBlock(content: string): FormattedText;
  /** `[label](url)`; the URL must be 1–2048 characters. */
  link(label: FormatInput, url: string): FormattedText;
  /** `[name](tamtam://user/ID)`: mentions a user who may have no username. */
  mention(name: FormatInput, userId: number): FormattedText;
  /** `# heading`: one line; start it on a new line. */
  heading(content: FormatInput): FormattedText;
  /** Source text you trust, inserted unescaped. */
  raw(source: string): FormattedText;
  /** Joins parts with a separator (the separator is escaped like any plain text). */
  join(parts: readonly FormatInput[], separator?: FormatInput): FormattedText;
}

/**
 * Markdown for `NewMessageBody`: a tagged template that escapes every interpolation and
 * returns `{ text, format: 'markdown' }`, plus helpers for each style. A user's name with `*`,
 * `_` or `[` renders literally.
 *
 * @example
 * reply(api, update, md`Welcome, ${md.bold(user.name)}! Read the ${md.link('rules', rulesUrl)}.`);
 */
export const md: MarkdownBuilder = /* @__PURE__ */ Object.assign(tag, {
  bold: /* @__PURE__ */ wrap('**'),
  italic: /* @__PURE__ */ wrap('_'),
  strike: /* @__PURE__ */ wrap('~~'),
  underline: /* @__PURE__ */ wrap('++'),
  mark: /* @__PURE__ */ wrap('^^'),
  code(content: string | number): FormattedText {
    const text = String(content);
    if (!text.includes('`')) return new FormattedText(`\`${text}\``, 'markdown');
    if (!text.includes('```') && !text.startsWith('`') && !text.endsWith('`'))
      return new FormattedText(`\`\`\`${text}\`\`\``, 'markdown');
    throw new TypeError(
      'md.code: this text has backticks that cannot be fenced in TamTam markdown; use html.code instead',
    );
  },
  codeBlock(content: string): FormattedText {
    const text = String(content);
    if (text.includes('```') || text.startsWith('`') || text.endsWith('`')) {
      throw new TypeError(
        'md.codeBlock: the text cannot contain ``` or start/end with a backtick in TamTam markdown; use html.codeBlock instead',
      );
    }
    return new FormattedText(`\`\`\`${text}\`\`\``, 'markdown');
  },
  link(label: FormatInput, url: string): FormattedText {
    return new FormattedText(`[${part(label)}](${linkUrl('md.link', url)})`, 'markdown');
  },
  mention(name: FormatInput, userId: number): FormattedText {
    return new FormattedText(`[${part(name)}](tamtam://user/${userIdText('md.mention', userId)})`, 'markdown');
  },
  heading(content: FormatInput): FormattedText {
    const text = part(content);
    if (/[\r\n]/.test(text)) throw new TypeError('md.heading: a heading is one line; remove the line breaks');
    return new FormattedText(`# ${text}`, 'markdown');
  },
  raw(source: string): FormattedText {
    return new FormattedText(String(source), 'markdown');
  },
  join(parts: readonly FormatInput[], separator: FormatInput = ''): FormattedText {
    const sep = part(separator);
    return new FormattedText(parts.map(part).join(sep), 'markdown');
  },
});

function linkUrl(helper: string, url: string): string {
  if (typeof url !== 'string' || url.length === 0 || url.length > KEYBOARD_LIMITS.linkUrl) {
    throw new TypeError(`${helper}: the URL must be a string of 1-${KEYBOARD_LIMITS.linkUrl} characters`);
  }
  // Characters that would end the `(url)` part early are percent-encoded.
  return url.replace(/[()\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * Checks a user id for a mention link.
 *
 * @example
 * userIdText('md.mention', 590_123_456); // '590123456'
 */
export function userIdText(helper: string, userId: number): string {
  if (!Number.isSafeInteger(userId) || userId <= 0)
    throw new TypeError(`${helper}: userId must be a positive integer, got ${String(userId)}`);
  return String(userId);
}
