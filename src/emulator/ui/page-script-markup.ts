/**
 * Client script, part 1: turning message text + markup ranges into DOM nodes. Plain browser
 * JavaScript in a string (no template literals inside, so it can live in one). The tree builder
 * `markupTree` is pure, so tests run it in Node.
 */

/**
 * Defines `h(tag, className, text)`, `safeUrl(url)`, `markupTree(text, markup)` and `renderMarkup(text, markup)`.
 * Text is only ever inserted with `textContent`/text nodes; links keep http(s)/mailto URLs only.
 *
 * @example
 * const { markupTree } = new Function(`${MARKUP_SCRIPT}; return { markupTree };`)();
 * markupTree('Hi all', [{ type: 'strong', from: 3, length: 3 }]);
 * // [{ text: 'Hi ' }, { mark: { type: 'strong', ... }, children: [{ text: 'all' }] }]
 */
export const MARKUP_SCRIPT = String.raw`
/** A new element with an optional class and text (always set as textContent). */
function h(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

var SAFE_PROTOCOLS = ['http:', 'https:', 'mailto:'];

/** An absolute http(s)/mailto URL, normalised; null for anything else (javascript:, relative...). */
function safeUrl(url) {
  if (typeof url !== 'string' || url === '') return null;
  try {
    var parsed = new URL(url);
    return SAFE_PROTOCOLS.indexOf(parsed.protocol) >= 0 ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

/**
 * Nested ranges as a tree: [{ text }] or [{ mark, children }]. Ranges are clipped to the text;
 * a range crossing the end of an enclosing one is split in two, so any overlap renders.
 */
function markupTree(text, markup) {
  var length = text.length;
  var items = [];
  (Array.isArray(markup) ? markup : []).forEach(function (m) {
    if (!m || typeof m.type !== 'string' || typeof m.from !== 'number' || typeof m.length !== 'number') return;
    var from = Math.max(0, Math.min(length, Math.floor(m.from)));
    var to = Math.max(from, Math.min(length, Math.floor(m.from + m.length)));
    if (to > from) items.push({ mark: m, from: from, to: to });
  });
  items.sort(byStart);
  return buildTree(text, items, 0, length);
}

function byStart(a, b) {
  return a.from - b.from || b.to - a.to;
}

function buildTree(text, items, from, to) {
  var out = [];
  var pos = from;
  var queue = items;
  while (queue.length > 0) {
    var head = queue[0];
    var inner = [];
    var rest = [];
    for (var i = 1; i < queue.length; i++) {
      var item = queue[i];
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

function plainText(nodes) {
  return nodes.map(function (n) { return n.text !== undefined ? n.text : plainText(n.children); }).join('');
}

/** A DocumentFragment with the formatted text. */
function renderMarkup(text, markup) {
  var fragment = document.createDocumentFragment();
  appendTree(fragment, markupTree(text, markup));
  return fragment;
}

function appendTree(parent, nodes) {
  nodes.forEach(function (node) {
    if (node.text !== undefined) {
      parent.appendChild(document.createTextNode(node.text));
      return;
    }
    var element = markElement(node.mark, plainText(node.children));
    appendTree(element, node.children);
    if (element.tagName === 'PRE') trimBlockEdges(element);
    parent.appendChild(element);
  });
}

/** A code block already starts and ends on its own line: drop one newline at each edge. */
function trimBlockEdges(block) {
  var first = block.firstChild;
  if (first && first.nodeType === 3 && first.data.charAt(0) === '\n') first.data = first.data.slice(1);
  var last = block.lastChild;
  if (last && last.nodeType === 3 && last.data.slice(-1) === '\n') last.data = last.data.slice(0, -1);
}

function markElement(mark, inner) {
  switch (mark.type) {
    case 'strong': return document.createElement('strong');
    case 'emphasized': return document.createElement('em');
    case 'strikethrough': return document.createElement('s');
    case 'underline': return document.createElement('u');
    case 'highlighted': return document.createElement('mark');
    case 'heading': return h('span', 'md-heading');
    case 'monospaced': return h(inner.indexOf('\n') >= 0 ? 'pre' : 'code', 'md-code');
    case 'link': {
      var href = safeUrl(mark.url);
      if (!href) return h('span', 'md-link-blocked');
      var a = h('a', 'md-link');
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.title = href;
      return a;
    }
    case 'user_mention': {
      var mention = h('span', 'md-mention');
      mention.title = mark.user_link ? String(mark.user_link) : mark.user_id != null ? 'User ' + mark.user_id : 'Mention';
      return mention;
    }
    default: return h('span', 'md-unknown');
  }
}
`;
