/**
 * DOM helpers of the web chat page. Text only ever goes in through `textContent` and text
 * nodes; nothing here parses HTML.
 */

/**
 * A new element with an optional class and text (always set as `textContent`).
 *
 * @example
 * const title = h('div', 'chat-title', chat.title);
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string | number | null,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/**
 * The page element with `id`, checked to be of the expected class; throws when the page
 * markup and the script disagree (a bug, not a runtime condition).
 *
 * @example
 * const input = byId('composer-input', HTMLTextAreaElement);
 */
export function byId<T extends HTMLElement = HTMLElement>(id: string, type?: abstract new () => T): T {
  const node = document.getElementById(id);
  if (!node || !(node instanceof (type ?? HTMLElement)))
    throw new Error(`The page has no ${type?.name ?? 'element'} #${id}`);
  return node as T;
}

/**
 * A plain object (not null, not an array), for checking data from the network.
 *
 * @example
 * if (isRecord(value.payload)) console.log(value.payload['url']);
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
