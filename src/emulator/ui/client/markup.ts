/**
 * Message text + markup ranges → DOM nodes. `markupTree` and `safeUrl` are pure (tests run
 * them in Node); the rest builds DOM with text nodes only.
 */
import type { MarkupElement } from '../../../types';
import { h, isRecord } from './dom';

/** One node of a formatted text: plain text, or a mark wrapping more nodes. */
export type MarkupNode = { text: string } | { mark: MarkupElement; children: MarkupNode[] };

interface Range {
  mark: MarkupElement;
  from: number;
  to: number;
}

const SAFE_PROTOCOLS = ['http:', 'https:', 'mailto:'];

/**
 * An absolute http(s)/mailto URL, normalised; `null` for anything else (`javascript:`,
 * relative, other schemes, not a string).
 *
 * @example
 * safeUrl('https://example.com'); // 'https://example.com/'
 * safeUrl('javascript:alert(1)'); // null
 */
export function safeUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url === '') return null;
  try {
    const parsed = new URL(url);
    return SAFE_PROTOCOLS.includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * Nested ranges as a tree. Ranges are clipped to the text; a range crossing the end of an
 * enclosing one is split in two, so any overlap renders. Malformed ranges are skipped.
 *
 * @example
 * markupTree('Hi all', [{ type: 'strong', from: 3, length: 3 }]);
 * // [{ text: 'Hi ' }, { mark: { type: 'strong', from: 3, length: 3 }, children: [{ text: 'all' }] }]
 */
export function markupTree(text: string, markup: unknown): MarkupNode[] {
  const length = text.length;
  const items: Range[] = [];
  for (const m of Array.isArray(markup) ? (markup as unknown[]) : []) {
    if (
      !isRecord(m) ||
      typeof m['type'] !== 'string' ||
      typeof m['from'] !== 'number' ||
      typeof m['length'] !== 'number'
    )
      continue;
    const from = Math.max(0, Math.min(length, Math.floor(m['from'])));
    const to = Math.max(from, Math.min(length, Math.floor(m['from'] + m['length'])));
    if (to > from) items.push({ mark: m as unknown as MarkupElement, from, to });
  }
  items.sort(byStart);
  return buildTree(text, items, 0, length);
}

function byStart(a: Range, b: Range): number {
  return a.from - b.from || b.to - a.to;
}

function buildTree(text: string, items: Range[], from: number, to: number): MarkupNode[] {
  const out: MarkupNode[] = [];
  let pos = from;
  let queue = items;
  for (let head = queue[0]; head !== undefined; head = queue[0]) {
    const inner: Range[] = [];
    const rest: Range[] = [];
    for (const item of queue.slice(1)) {
      if (item.from < head.to) {
        inner.push({ mark: item.mark, from: item.from, to: Math.min(item.to, head.to) });
        if (item.to > head.to) rest.push({ mark: item.mark, from: head.to, to: item.to });
      } else {
        rest.push(item);
      }
    }
    if (head.from > pos) out.push({ text: text.slice(pos, head.from) });
    out.push({ mark: head.mark, children: buildTree(text, inner, head.from, head.to) });
    pos = head.to;
    queue = rest.sort(byStart);
  }
  if (pos < to) out.push({ text: text.slice(pos, to) });
  return out;
}

function plainText(nodes: MarkupNode[]): string {
  return nodes.map((n) => ('text' in n ? n.text : plainText(n.children))).join('');
}

/**
 * A fragment with the formatted text.
 *
 * @example
 * bubble.appendChild(renderMarkup(body.text, body.markup));
 */
export function renderMarkup(text: string, markup: unknown): DocumentFragment {
  const fragment = document.createDocumentFragment();
  appendTree(fragment, markupTree(text, markup));
  return fragment;
}

function appendTree(parent: Node, nodes: MarkupNode[]): void {
  for (const node of nodes) {
    if ('text' in node) {
      parent.appendChild(document.createTextNode(node.text));
      continue;
    }
    const element = markElement(node.mark, plainText(node.children));
    appendTree(element, node.children);
    if (element.tagName === 'PRE') trimBlockEdges(element);
    parent.appendChild(element);
  }
}

/** A code block already starts and ends on its own line: drop one newline at each edge. */
function trimBlockEdges(block: HTMLElement): void {
  const first = block.firstChild;
  if (first instanceof Text && first.data.startsWith('\n')) first.data = first.data.slice(1);
  const last = block.lastChild;
  if (last instanceof Text && last.data.endsWith('\n')) last.data = last.data.slice(0, -1);
}

function markElement(mark: MarkupElement, inner: string): HTMLElement {
  switch (mark.type) {
    case 'strong':
      return h('strong');
    case 'emphasized':
      return h('em');
    case 'strikethrough':
      return h('s');
    case 'underline':
      return h('u');
    case 'highlighted':
      return h('mark');
    case 'heading':
      return h('span', 'md-heading');
    case 'monospaced':
      return h(inner.includes('\n') ? 'pre' : 'code', 'md-code');
    case 'link': {
      const href = safeUrl(mark.url);
      if (!href) return h('span', 'md-link-blocked');
      const a = h('a', 'md-link');
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.title = href;
      return a;
    }
    case 'user_mention': {
      const mention = h('span', 'md-mention');
      mention.title = mark.user_link
        ? String(mark.user_link)
        : mark.user_id != null
          ? `User ${mark.user_id}`
          : 'Mention';
      return mention;
    }
    default:
      return h('span', 'md-unknown');
  }
}
