/**
 * The HTML subset TamTam understands (`format: 'html'`) with safe escaping.
 *
 * Tags used: `b`, `i`, `s`, `u`, `mark`, `code`, `pre`, `a href`, `h1`.
 */
import { KEYBOARD_LIMITS } from './limits';
import { type FormatInput, FormattedText, render, templateTag } from './formatted-text';
import { userIdText } from './markdown';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Escapes `&`, `<`, `>` and `"` so the text renders literally (also inside attribute values).
 *
 * @example
 * escapeHtml('Tom & <Jerry>'); // 'Tom &amp; &lt;Jerry&gt;'
 */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);
}

const tag = /* @__PURE__ */ templateTag('html', escapeHtml, 'html');
const part = (value: FormatInput): string => render('html', escapeHtml, 'html', value);
const element =
  (name: string) =>
  (content: FormatInput): FormattedText =>
    new FormattedText(`<${name}>${part(content)}</${name}>`, 'html');

/**
 * The `html` template and its helpers. Interpolated values are escaped; helper results and
 * other `html` results are inserted as they are.
 *
 * @example
 * html`${html.bold(order.title)} — ${html.link('track', order.url)}`;
 */
export interface HtmlBuilder {
  (strings: TemplateStringsArray, ...values: readonly FormatInput[]): FormattedText;
  /** `<b>`. */
  bold(content: FormatInput): FormattedText;
  /** `<i>`. */
  italic(content: FormatInput): FormattedText;
  /** `<s>`. */
  strike(content: FormatInput): FormattedText;
  /** `<u>`. */
  underline(content: FormatInput): FormattedText;
  /** `<mark>` (highlighted). */
  mark(content: FormatInput): FormattedText;
  /** `<code>`: inline monospaced text. */
  code(content: FormatInput): FormattedText;
  /** `<pre>`: a monospaced block. */
  codeBlock(content: FormatInput): FormattedText;
  /** `<a href="url">label</a>`; the URL must be 1–2048 characters. */
  link(label: FormatInput, url: string): FormattedText;
  /** `<a href="tamtam://user/ID">name</a>`: mentions a user who may have no username. */
  mention(name: FormatInput, userId: number): FormattedText;
  /** `<h1>`. */
  heading(content: FormatInput): FormattedText;
  /** Source text you trust, inserted unescaped. */
  raw(source: string): FormattedText;
  /** Joins parts with a separator (the separator is escaped like any plain text). */
  join(parts: readonly FormatInput[], separator?: FormatInput): FormattedText;
}

/**
 * HTML for `NewMessageBody`: a tagged template that escapes every interpolation and returns
 * `{ text, format: 'html' }`, plus helpers for each supported tag. A user's name with `<` or
 * `&` renders literally.
 *
 * @example
 * reply(api, update, html`Welcome, ${html.bold(user.name)}!`);
 */
export const html: HtmlBuilder = /* @__PURE__ */ Object.assign(tag, {
  bold: /* @__PURE__ */ element('b'),
  italic: /* @__PURE__ */ element('i'),
  strike: /* @__PURE__ */ element('s'),
  underline: /* @__PURE__ */ element('u'),
  mark: /* @__PURE__ */ element('mark'),
  code: /* @__PURE__ */ element('code'),
  codeBlock: /* @__PURE__ */ element('pre'),
  link(label: FormatInput, url: string): FormattedText {
    if (typeof url !== 'string' || url.length === 0 || url.length > KEYBOARD_LIMITS.linkUrl) {
      throw new TypeError(`html.link: the URL must be a string of 1-${KEYBOARD_LIMITS.linkUrl} characters`);
    }
    return new FormattedText(`<a href="${escapeHtml(url)}">${part(label)}</a>`, 'html');
  },
  mention(name: FormatInput, userId: number): FormattedText {
    return new FormattedText(`<a href="tamtam://user/${userIdText('html.mention', userId)}">${part(name)}</a>`, 'html');
  },
  heading: /* @__PURE__ */ element('h1'),
  raw(source: string): FormattedText {
    return new FormattedText(String(source), 'html');
  },
  join(parts: readonly FormatInput[], separator: FormatInput = ''): FormattedText {
    const sep = part(separator);
    return new FormattedText(parts.map(part).join(sep), 'html');
  },
});
