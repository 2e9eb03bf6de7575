/**
 * The TamTam flavour of markdown, turned into plain text plus markup ranges.
 */
import type { MarkupElement } from '../../../types';

type SimpleType = 'strong' | 'emphasized' | 'strikethrough' | 'underline' | 'highlighted' | 'monospaced';

const DELIMITERS: ReadonlyArray<readonly [string, SimpleType]> = [
  ['```', 'monospaced'],
  ['**', 'strong'],
  ['__', 'strong'],
  ['~~', 'strikethrough'],
  ['++', 'underline'],
  ['^^', 'highlighted'],
  ['`', 'monospaced'],
  ['*', 'emphasized'],
  ['_', 'emphasized'],
];

const LINK = /^\[([^\]\n]+)\]\(([^)\s]+)\)/;
const MENTION = /^tamtam:\/\/user\/(\d+)$/;

/**
 * Parses markdown (`**strong**`, `*em*`/`_em_`, `~~strike~~`, `++underline++`, `` `code` ``,
 * ```` ```block``` ````, `^^highlight^^`, `[text](url)`, `[name](tamtam://user/ID)`, `# heading`)
 * into text and markup. Unpaired markers stay as literal text; `\` escapes a marker.
 *
 * @example
 * parseMarkdown('Hi **there**'); // { text: 'Hi there', markup: [{ type: 'strong', from: 3, length: 5 }] }
 */
export function parseMarkdown(source: string): { text: string; markup: MarkupElement[] } {
  const out = { text: '', markup: [] as MarkupElement[] };
  parseInto(source, out);
  out.markup.sort((a, b) => a.from - b.from || b.length - a.length);
  return out;
}

function parseInto(src: string, out: { text: string; markup: MarkupElement[] }): void {
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === '\\' && i + 1 < src.length && /[*_~+^`[\]()\\#]/.test(src[i + 1] as string)) {
      out.text += src[i + 1];
      i += 2;
      continue;
    }
    if ((i === 0 || src[i - 1] === '\n') && src.startsWith('# ', i)) {
      const end = lineEnd(src, i);
      const from = out.text.length;
      parseInto(src.slice(i + 2, end), out);
      push(out, { type: 'heading', from, length: out.text.length - from });
      i = end;
      continue;
    }
    if (ch === '[') {
      const link = LINK.exec(src.slice(i));
      if (link) {
        const [whole, label, url] = link as unknown as [string, string, string];
        const from = out.text.length;
        parseInto(label, out);
        const length = out.text.length - from;
        const mention = MENTION.exec(url);
        if (mention) push(out, { type: 'user_mention', from, length, user_id: Number(mention[1]) });
        else push(out, { type: 'link', from, length, url });
        i += whole.length;
        continue;
      }
    }
    const consumed = tryDelimiter(src, i, out);
    if (consumed > 0) {
      i += consumed;
      continue;
    }
    out.text += ch;
    i++;
  }
}

function tryDelimiter(src: string, i: number, out: { text: string; markup: MarkupElement[] }): number {
  for (const [delimiter, type] of DELIMITERS) {
    if (!src.startsWith(delimiter, i)) continue;
    if (delimiter.startsWith('_') && i > 0 && /\w/.test(src[i - 1] as string)) return 0;
    let end = src.indexOf(delimiter, i + delimiter.length);
    if (end <= i + delimiter.length) continue;
    // In a run like `***` the closer is its last characters, leaving the rest to inner markup.
    while (src[end + delimiter.length] === delimiter[0]) end++;
    const inner = src.slice(i + delimiter.length, end);
    const from = out.text.length;
    if (type === 'monospaced') out.text += inner;
    else parseInto(inner, out);
    push(out, { type, from, length: out.text.length - from });
    return end + delimiter.length - i;
  }
  return 0;
}

function lineEnd(src: string, from: number): number {
  const end = src.indexOf('\n', from);
  return end === -1 ? src.length : end;
}

function push(out: { markup: MarkupElement[] }, element: MarkupElement): void {
  if (element.length > 0) out.markup.push(element);
}
