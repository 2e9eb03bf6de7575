/**
 * Client script, part 2: one message as DOM (sender, time, formatted text, attachments, inline
 * keyboard, reply/forward quote, edited and deleted states).
 */

/**
 * Defines `renderMessage(message, options)`, `avatar(name, id)` and formatting helpers. Uses
 * `renderMarkup` (part 1) and calls `pressButton(message, button, node)` (part 3) on clicks.
 *
 * @example
 * const script = `${MARKUP_SCRIPT}${MESSAGES_SCRIPT}${APP_SCRIPT}`;
 */
export const MESSAGES_SCRIPT = String.raw`
var AVATAR_COLORS = ['#5b8def', '#e0823d', '#3fa672', '#a86ad9', '#d9577a', '#2fa3b5', '#b08a2e'];

/** A round avatar with initials; the colour follows the id. */
function avatar(name, id, small) {
  var node = h('div', small ? 'avatar small' : 'avatar', initials(name));
  node.style.background = AVATAR_COLORS[Math.abs(Number(id) || 0) % AVATAR_COLORS.length];
  node.setAttribute('aria-hidden', 'true');
  return node;
}

function initials(name) {
  var words = String(name || '?').trim().split(/\s+/).filter(Boolean);
  var letters = words.slice(0, 2).map(function (w) { return Array.from(w)[0] || ''; }).join('');
  return (letters || '?').toUpperCase();
}

function pad2(n) {
  return n < 10 ? '0' + n : String(n);
}

function clockTime(ms) {
  var d = new Date(ms);
  return pad2(d.getHours()) + ':' + pad2(d.getMinutes());
}

function humanSize(bytes) {
  if (typeof bytes !== 'number' || !isFinite(bytes)) return '';
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KB';
  return (bytes / 1024 / 1024).toFixed(1) + ' MB';
}

/**
 * A message row. options: { mine, showSender, edited, deleted }.
 * Structure: .msg-row > [.avatar] + .msg-col > (.bubble > sender, quote, text, attachments, meta) + .keyboard
 */
function renderMessage(message, options) {
  var body = message.body || {};
  var sender = message.sender || null;
  var row = h('div', 'msg-row ' + (options.mine ? 'mine' : 'theirs'));
  row.dataset.mid = String(body.mid);
  row.dataset.seq = String(body.seq);
  if (sender && sender.is_bot) row.classList.add('from-bot');
  if (options.deleted) row.classList.add('deleted');
  var senderName = sender ? sender.name : options.chatTitle || 'Channel';
  if (!options.mine) row.appendChild(avatar(senderName, sender ? sender.user_id : options.chatId, true));

  var column = h('div', 'msg-col');
  var bubble = h('div', 'bubble');
  if (!options.mine && options.showSender) bubble.appendChild(h('div', 'sender', senderName));
  if (message.link) bubble.appendChild(renderQuote(message.link));
  if (typeof body.text === 'string' && body.text !== '') {
    var text = h('div', 'text');
    text.appendChild(renderMarkup(body.text, body.markup));
    bubble.appendChild(text);
  }
  var keyboards = [];
  (Array.isArray(body.attachments) ? body.attachments : []).forEach(function (attachment) {
    if (!attachment || typeof attachment !== 'object') return;
    if (attachment.type === 'inline_keyboard') keyboards.push(attachment);
    else bubble.appendChild(renderAttachment(attachment));
  });
  var meta = h('div', 'meta');
  if (options.deleted) meta.appendChild(h('span', 'deleted-mark', 'deleted'));
  else if (options.edited) meta.appendChild(h('span', 'edited-mark', 'edited'));
  var time = h('time', 'time', clockTime(message.timestamp));
  time.dateTime = new Date(message.timestamp).toISOString();
  time.title = new Date(message.timestamp).toLocaleString();
  meta.appendChild(time);
  bubble.appendChild(meta);
  column.appendChild(bubble);
  keyboards.forEach(function (keyboard) { column.appendChild(renderKeyboard(keyboard.payload, message, options.deleted)); });
  row.appendChild(column);
  return row;
}

function renderQuote(link) {
  var quote = h('div', 'quote');
  var who = link.sender ? link.sender.name : 'a channel';
  quote.appendChild(h('div', 'quote-title', (link.type === 'forward' ? 'Forwarded from ' : 'Reply to ') + who));
  var linked = link.message || {};
  var summary = typeof linked.text === 'string' && linked.text !== '' ? linked.text : attachmentSummary(linked.attachments);
  quote.appendChild(h('div', 'quote-text', summary));
  return quote;
}

function attachmentSummary(attachments) {
  if (!Array.isArray(attachments) || attachments.length === 0) return '(empty message)';
  return attachments.map(function (a) { return a && a.type ? a.type : 'attachment'; }).join(', ');
}

var FILE_BADGES = { video: 'VID', audio: 'AUD', file: 'FILE', image: 'IMG' };

function renderAttachment(a) {
  var payload = a.payload && typeof a.payload === 'object' ? a.payload : {};
  switch (a.type) {
    case 'image': {
      var url = safeUrl(payload.url);
      if (!url) return fileCard('image', 'Image', '', null);
      var link = h('a', 'att-image');
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      var img = h('img');
      img.alt = 'Image';
      img.loading = 'lazy';
      img.src = url;
      img.addEventListener('error', function () { link.replaceWith(fileCard('image', 'Image', 'could not load', url)); });
      link.appendChild(img);
      return link;
    }
    case 'sticker': {
      var stickerUrl = safeUrl(payload.url);
      var sticker = h('div', 'att-sticker');
      sticker.title = 'Sticker ' + (payload.code || '');
      if (stickerUrl) {
        var pic = h('img');
        pic.alt = 'Sticker';
        pic.src = stickerUrl;
        pic.addEventListener('error', function () { pic.replaceWith(h('span', 'sticker-fallback', 'Sticker ' + (payload.code || ''))); });
        sticker.appendChild(pic);
      } else {
        sticker.appendChild(h('span', 'sticker-fallback', 'Sticker ' + (payload.code || '')));
      }
      return sticker;
    }
    case 'video':
    case 'audio':
      return fileCard(a.type, a.type === 'video' ? 'Video' : 'Audio', a.duration ? a.duration + ' s' : '', safeUrl(payload.url));
    case 'file':
      return fileCard('file', a.filename || 'File', humanSize(a.size), safeUrl(payload.url));
    case 'location': {
      var lat = Number(a.latitude);
      var lon = Number(a.longitude);
      var map = 'https://www.openstreetmap.org/?mlat=' + lat + '&mlon=' + lon + '#map=15/' + lat + '/' + lon;
      return card('LOC', 'Location', lat.toFixed(5) + ', ' + lon.toFixed(5), map);
    }
    case 'contact': {
      var info = payload.tam_info || null;
      var name = info && info.name ? info.name : vcardName(payload.vcf_info) || 'Contact';
      var detail = info && info.username ? '@' + info.username : info && info.user_id ? 'User ' + info.user_id : 'vCard';
      return card('VCF', name, detail, null);
    }
    case 'share': {
      var shareUrl = safeUrl(payload.url);
      return card('URL', a.title || payload.url || 'Shared link', a.description || (shareUrl ? new URL(shareUrl).host : ''), shareUrl);
    }
    default:
      return card('?', 'Attachment', String(a.type), null);
  }
}

function vcardName(vcf) {
  var match = typeof vcf === 'string' ? /^FN:(.*)$/m.exec(vcf) : null;
  return match ? match[1].trim() : '';
}

function fileCard(kind, name, detail, url) {
  return card(FILE_BADGES[kind] || 'FILE', name, detail, url);
}

/** An attachment card: a badge, a title and a detail line; a link when url is safe. */
function card(badge, title, detail, url) {
  var node = h(url ? 'a' : 'div', 'att-card');
  if (url) {
    node.href = url;
    node.target = '_blank';
    node.rel = 'noopener noreferrer';
  }
  node.appendChild(h('span', 'att-badge', badge));
  var text = h('span', 'att-text');
  text.appendChild(h('span', 'att-title', title));
  if (detail) text.appendChild(h('span', 'att-detail', detail));
  node.appendChild(text);
  return node;
}

var BUTTON_CLASSES = { callback: 'callback', link: 'link', request_contact: 'request', request_geo_location: 'request', chat: 'chat' };
var BUTTON_HINTS = { request_contact: 'Sends your contact', request_geo_location: 'Sends your location', chat: 'Opens a new chat' };

function renderKeyboard(keyboard, message, disabled) {
  var box = h('div', 'keyboard');
  (keyboard && Array.isArray(keyboard.buttons) ? keyboard.buttons : []).forEach(function (row) {
    if (!Array.isArray(row)) return;
    var line = h('div', 'kb-row');
    row.forEach(function (button) { if (button && typeof button === 'object') line.appendChild(renderButton(button, message, disabled)); });
    box.appendChild(line);
  });
  return box;
}

function renderButton(button, message, disabled) {
  var kind = BUTTON_CLASSES[button.type] || 'unknown';
  if (button.type === 'link') {
    var href = safeUrl(button.url);
    var a = h('a', 'kb-button link', button.text);
    a.appendChild(h('span', 'kb-arrow', '\u2197'));
    if (href && !disabled) {
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.title = href;
    } else {
      a.setAttribute('aria-disabled', 'true');
    }
    return a;
  }
  var node = h('button', 'kb-button ' + kind, button.text);
  node.type = 'button';
  node.dataset.buttonType = String(button.type);
  if (button.intent === 'positive' || button.intent === 'negative') node.classList.add('intent-' + button.intent);
  if (BUTTON_HINTS[button.type]) node.title = BUTTON_HINTS[button.type];
  node.disabled = Boolean(disabled) || kind === 'unknown';
  node.addEventListener('click', function () { pressButton(message, button, node); });
  return node;
}
`;
