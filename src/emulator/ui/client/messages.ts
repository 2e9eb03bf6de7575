/**
 * One message as DOM: sender, time, formatted text, attachments, inline keyboard,
 * reply/forward quote, edited and deleted states.
 */
import type { Attachment, Button, Keyboard, LinkedMessage, Message } from '../../../types';
import { h, isRecord } from './dom';
import { renderMarkup, safeUrl } from './markup';

const AVATAR_COLORS = ['#5b8def', '#e0823d', '#3fa672', '#a86ad9', '#d9577a', '#2fa3b5', '#b08a2e'];

/**
 * A round avatar with initials; the colour follows the id.
 *
 * @example
 * header.appendChild(avatar('Alice Smith', 1)); // "AS"
 */
export function avatar(name: string, id: number | null, small = false): HTMLElement {
  const node = h('div', small ? 'avatar small' : 'avatar', initials(name));
  node.style.background = AVATAR_COLORS[Math.abs(Number(id) || 0) % AVATAR_COLORS.length] ?? '#5b8def';
  node.setAttribute('aria-hidden', 'true');
  return node;
}

function initials(name: string): string {
  const words = String(name || '?')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const letters = words
    .slice(0, 2)
    .map((w) => Array.from(w)[0] ?? '')
    .join('');
  return (letters || '?').toUpperCase();
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

function humanSize(bytes: unknown): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * How to draw a message, and what a button press calls.
 *
 * @example
 * renderMessage(message, { mine: true, showSender: false, edited: false, deleted: false, chatTitle: 'Bot', chatId: 1, onPress });
 */
export interface MessageOptions {
  /** Sent by the current user: right-aligned, no avatar. */
  mine: boolean;
  /** Show the sender's name in others' bubbles. */
  showSender: boolean;
  /** Marked "edited". */
  edited: boolean;
  /** Struck out, marked "deleted", buttons disabled. */
  deleted: boolean;
  /** Shown as the sender of channel posts (which have none). */
  chatTitle: string;
  chatId: number | null;
  /** Called when a keyboard button (other than a link) is pressed. */
  onPress(message: Message, button: Button, node: HTMLButtonElement): void;
}

/**
 * A message row: `.msg-row > [.avatar] + .msg-col > (.bubble > sender, quote, text,
 * attachments, meta) + .keyboard`.
 *
 * @example
 * box.appendChild(renderMessage(message, options));
 */
export function renderMessage(message: Message, options: MessageOptions): HTMLElement {
  const body = message.body;
  const sender = message.sender ?? null;
  const row = h('div', `msg-row ${options.mine ? 'mine' : 'theirs'}`);
  row.dataset['mid'] = String(body.mid);
  row.dataset['seq'] = String(body.seq);
  if (sender?.is_bot) row.classList.add('from-bot');
  if (options.deleted) row.classList.add('deleted');
  const senderName = sender ? sender.name : options.chatTitle || 'Channel';
  if (!options.mine) row.appendChild(avatar(senderName, sender ? sender.user_id : options.chatId, true));

  const column = h('div', 'msg-col');
  const bubble = h('div', 'bubble');
  if (!options.mine && options.showSender) bubble.appendChild(h('div', 'sender', senderName));
  if (message.link) bubble.appendChild(renderQuote(message.link));
  if (typeof body.text === 'string' && body.text !== '') {
    const text = h('div', 'text');
    text.appendChild(renderMarkup(body.text, body.markup));
    bubble.appendChild(text);
  }
  const keyboards: Keyboard[] = [];
  for (const attachment of Array.isArray(body.attachments) ? body.attachments : []) {
    if (!isRecord(attachment)) continue;
    if (attachment.type === 'inline_keyboard') keyboards.push(attachment.payload);
    else bubble.appendChild(renderAttachment(attachment));
  }
  const meta = h('div', 'meta');
  if (options.deleted) meta.appendChild(h('span', 'deleted-mark', 'deleted'));
  else if (options.edited) meta.appendChild(h('span', 'edited-mark', 'edited'));
  const time = h('time', 'time', clockTime(message.timestamp));
  time.dateTime = new Date(message.timestamp).toISOString();
  time.title = new Date(message.timestamp).toLocaleString();
  meta.appendChild(time);
  bubble.appendChild(meta);
  column.appendChild(bubble);
  for (const keyboard of keyboards) column.appendChild(renderKeyboard(keyboard, message, options));
  row.appendChild(column);
  return row;
}

function renderQuote(link: LinkedMessage): HTMLElement {
  const quote = h('div', 'quote');
  const who = link.sender ? link.sender.name : 'a channel';
  quote.appendChild(h('div', 'quote-title', (link.type === 'forward' ? 'Forwarded from ' : 'Reply to ') + who));
  const linked: Partial<LinkedMessage['message']> = isRecord(link.message) ? link.message : {};
  const summary =
    typeof linked.text === 'string' && linked.text !== '' ? linked.text : attachmentSummary(linked.attachments);
  quote.appendChild(h('div', 'quote-text', summary));
  return quote;
}

function attachmentSummary(attachments: unknown): string {
  if (!Array.isArray(attachments) || attachments.length === 0) return '(empty message)';
  return attachments
    .map((a: unknown) => (isRecord(a) && typeof a['type'] === 'string' ? a['type'] : 'attachment'))
    .join(', ');
}

const FILE_BADGES: Readonly<Record<string, string>> = { video: 'VID', audio: 'AUD', file: 'FILE', image: 'IMG' };

function renderAttachment(a: Attachment): HTMLElement {
  // Data from the network: payloads may be missing and the type may be one this page does not know.
  const payload: Record<string, unknown> = 'payload' in a && isRecord(a.payload) ? a.payload : {};
  switch (a.type) {
    case 'image': {
      const url = safeUrl(payload['url']);
      if (!url) return fileCard('image', 'Image', '', null);
      const link = h('a', 'att-image');
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      const img = h('img');
      img.alt = 'Image';
      img.loading = 'lazy';
      img.src = url;
      img.addEventListener('error', () => link.replaceWith(fileCard('image', 'Image', 'could not load', url)));
      link.appendChild(img);
      return link;
    }
    case 'sticker': {
      const stickerUrl = safeUrl(payload['url']);
      const label = `Sticker ${typeof payload['code'] === 'string' ? payload['code'] : ''}`;
      const sticker = h('div', 'att-sticker');
      sticker.title = label;
      if (stickerUrl) {
        const pic = h('img');
        pic.alt = 'Sticker';
        pic.src = stickerUrl;
        pic.addEventListener('error', () => pic.replaceWith(h('span', 'sticker-fallback', label)));
        sticker.appendChild(pic);
      } else {
        sticker.appendChild(h('span', 'sticker-fallback', label));
      }
      return sticker;
    }
    case 'video':
    case 'audio':
      return fileCard(
        a.type,
        a.type === 'video' ? 'Video' : 'Audio',
        'duration' in a && a.duration ? `${a.duration} s` : '',
        safeUrl(payload['url']),
      );
    case 'file':
      return fileCard('file', a.filename || 'File', humanSize(a.size), safeUrl(payload['url']));
    case 'location': {
      const lat = Number(a.latitude);
      const lon = Number(a.longitude);
      const map = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=15/${lat}/${lon}`;
      return card('LOC', 'Location', `${lat.toFixed(5)}, ${lon.toFixed(5)}`, map);
    }
    case 'contact': {
      const info = isRecord(payload['tam_info']) ? payload['tam_info'] : null;
      const name =
        info && typeof info['name'] === 'string' && info['name']
          ? info['name']
          : vcardName(payload['vcf_info']) || 'Contact';
      const detail = info?.['username']
        ? `@${String(info['username'])}`
        : info?.['user_id']
          ? `User ${String(info['user_id'])}`
          : 'vCard';
      return card('VCF', name, detail, null);
    }
    case 'share': {
      const shareUrl = safeUrl(payload['url']);
      const title = a.title || (typeof payload['url'] === 'string' && payload['url']) || 'Shared link';
      return card('URL', title, a.description || (shareUrl ? new URL(shareUrl).host : ''), shareUrl);
    }
    default:
      return card('?', 'Attachment', String((a as { type: unknown }).type), null);
  }
}

function vcardName(vcf: unknown): string {
  const match = typeof vcf === 'string' ? /^FN:(.*)$/m.exec(vcf) : null;
  return match?.[1]?.trim() ?? '';
}

function fileCard(kind: string, name: string, detail: string, url: string | null): HTMLElement {
  return card(FILE_BADGES[kind] ?? 'FILE', name, detail, url);
}

/** An attachment card: a badge, a title and a detail line; a link when `url` is safe. */
function card(badge: string, title: string, detail: string, url: string | null): HTMLElement {
  let node: HTMLElement;
  if (url) {
    const a = h('a', 'att-card');
    a.href = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    node = a;
  } else {
    node = h('div', 'att-card');
  }
  node.appendChild(h('span', 'att-badge', badge));
  const text = h('span', 'att-text');
  text.appendChild(h('span', 'att-title', title));
  if (detail) text.appendChild(h('span', 'att-detail', detail));
  node.appendChild(text);
  return node;
}

const BUTTON_CLASSES: Readonly<Record<string, string>> = {
  callback: 'callback',
  link: 'link',
  request_contact: 'request',
  request_geo_location: 'request',
  chat: 'chat',
  // Max buttons
  open_app: 'open-app',
  message: 'message',
  clipboard: 'clipboard',
};
const BUTTON_HINTS: Readonly<Record<string, string>> = {
  request_contact: 'Sends your contact',
  request_geo_location: 'Sends your location',
  chat: 'Opens a new chat',
  message: 'Sends its text as you',
  clipboard: 'Copies to the clipboard',
};

function renderKeyboard(keyboard: Keyboard, message: Message, options: MessageOptions): HTMLElement {
  const box = h('div', 'keyboard');
  for (const row of isRecord(keyboard) && Array.isArray(keyboard.buttons) ? keyboard.buttons : []) {
    if (!Array.isArray(row)) continue;
    const line = h('div', 'kb-row');
    for (const button of row) if (isRecord(button)) line.appendChild(renderButton(button, message, options));
    box.appendChild(line);
  }
  return box;
}

function renderButton(button: Button, message: Message, options: MessageOptions): HTMLElement {
  const kind = Object.hasOwn(BUTTON_CLASSES, button.type) ? (BUTTON_CLASSES[button.type] ?? 'unknown') : 'unknown';
  if (button.type === 'link') {
    const href = safeUrl(button.url);
    const a = h('a', 'kb-button link', button.text);
    a.appendChild(h('span', 'kb-arrow', '\u2197'));
    if (href && !options.deleted) {
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.title = href;
    } else {
      a.setAttribute('aria-disabled', 'true');
    }
    return a;
  }
  const node = h('button', `kb-button ${kind}`, button.text);
  node.type = 'button';
  if (kind === 'open-app') {
    // Max `open_app`: looks like a link to the bot's mini app, which it names.
    const app = appName(button);
    node.appendChild(h('span', 'kb-arrow', '\u2197'));
    if (app) node.appendChild(h('span', 'kb-app', app));
    node.title = app ? `Opens the mini app ${app}` : 'Opens a mini app';
  }
  node.dataset['buttonType'] = String(button.type);
  const intent = 'intent' in button ? button.intent : undefined;
  if (intent === 'positive' || intent === 'negative') node.classList.add(`intent-${intent}`);
  const hint = Object.hasOwn(BUTTON_HINTS, button.type) ? BUTTON_HINTS[button.type] : undefined;
  const payload = (button as { payload?: unknown }).payload;
  if (kind === 'clipboard' && typeof payload === 'string') node.dataset['copy'] = payload;
  if (hint) node.title = hint;
  node.disabled = options.deleted || kind === 'unknown';
  node.addEventListener('click', () => options.onPress(message, button, node));
  return node;
}

/** The app an `open_app` button opens: its `web_app`, or the contact it belongs to. */
function appName(button: Button): string {
  const b = button as { web_app?: unknown; contact_id?: unknown };
  if (typeof b.web_app === 'string' && b.web_app !== '') return b.web_app;
  if (typeof b.contact_id === 'number') return `contact ${b.contact_id}`;
  return '';
}
