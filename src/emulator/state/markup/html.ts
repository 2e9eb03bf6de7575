/**
 * The HTML subset TamTam understands, turned into plain text plus markup ranges.
 */
import type { MarkupElement } from '../../../types';

// Maps: a tag or entity name from the text (`<constructor>`, `&valueOf;`) must never find an
// Object.prototype member
const TAGS: ReadonlyMap<string, MarkupElement['type']> = new Map<string, MarkupElement['type']>(
  Object.entries({
    b: 'strong',
    strong: 'strong',
    i: 'emphasized',
    em: 'emphasized',
    del: 'strikethrough',
    s: 'strikethrough',
    ins: 'underline',
    u: 'underline',
    a: 'link',
    pre: 'monospaced',
    code: 'monospaced',
    mark: 'highlighted',
    h1: 'heading',
  } satisfies Record<string, MarkupElement['type']>),
);

const ENTITIES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    nbsp: '\u00a0',
  }),
);

interface Open {
  tag: string;
  type: MarkupElement['type'];
  from: number;
  href: string | undefined;
}

/**
 * Parses the supported tags (`b strong i em del s ins u a pre code mark h1`, `br`) into text and
 * markup. Other tags are stripped, entities decoded; unclosed tags end at the end of the text.
 *
 * @example
 * parseHtml('<b>Bold</b> &amp; <a href="https://x.y">link</a>').text; // 'Bold & link'
 */
export function parseHtml(source: string): { text: string; markup: MarkupElement[] } {
  let text = '';
  const markup: MarkupElement[] = [];
  const stack: Open[] = [];
  const tagPattern = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>/g;
  let last = 0;
  const close = (open: Open): void => {
    const length = text.length - open.from;
    if (length <= 0) return;
    if (open.type === 'link') {
      if (open.href) markup.push({ type: 'link', from: open.from, length, url: open.href });
    } else {
      markup.push({ type: open.type, from: open.from, length } as MarkupElement);
    }
  };
  for (let m = tagPattern.exec(source); m !== null; m = tagPattern.exec(source)) {
    text += decodeEntities(source.slice(last, m.index));
    last = m.index + m[0].length;
    const closing = m[1] === '/';
    const tag = (m[2] as string).toLowerCase();
    if (tag === 'br') {
      text += '\n';
      continue;
    }
    const type = TAGS.get(tag);
    if (!type) continue;
    if (!closing) {
      const href = /href\s*=\s*("([^"]*)"|'([^']*)')/i.exec(m[3] ?? '');
      const url = href ? decodeEntities(href[2] ?? href[3] ?? '') : undefined;
      stack.push({ tag, type, from: text.length, href: url });
      continue;
    }
    const index = stack.map((o) => o.tag).lastIndexOf(tag);
    if (index === -1) continue;
    for (const open of stack.splice(index).reverse()) close(open);
  }
  text += decodeEntities(source.slice(last));
  for (const open of stack.reverse()) close(open);
  markup.sort((a, b) => a.from - b.from || b.length - a.length);
  return { text, markup };
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return safeCodePoint(Number.parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return safeCodePoint(Number.parseInt(name.slice(1), 10), whole);
    return ENTITIES.get(name.toLowerCase()) ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
