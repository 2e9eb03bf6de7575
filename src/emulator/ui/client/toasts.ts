/**
 * Short notices at the bottom of the conversation: bot notifications, confirmations, errors.
 */
import { byId, h } from './dom';

/** At most this many toasts are shown; older ones go first. */
const MAX_TOASTS = 4;

/**
 * Shows `text` for a few seconds (errors a little longer).
 *
 * @example
 * toast('Thanks for voting!', 'notice');
 */
export function toast(text: string, kind?: 'notice' | 'error'): void {
  const box = byId('toasts');
  const node = h('div', kind ? `toast ${kind}` : 'toast', text);
  box.appendChild(node);
  while (box.children.length > MAX_TOASTS) box.firstElementChild?.remove();
  setTimeout(
    () => {
      node.classList.add('leaving');
      setTimeout(() => node.remove(), 300);
    },
    kind === 'error' ? 6000 : 4000,
  );
}

/**
 * Removes every toast at once, e.g. when another user takes over the page: their
 * notifications are not yours.
 *
 * @example
 * clearToasts();
 */
export function clearToasts(): void {
  byId('toasts').textContent = '';
}

/**
 * Shows an error as a toast.
 *
 * @example
 * loadChats().catch(fail);
 */
export function fail(error: unknown): void {
  toast(error instanceof Error ? error.message : String(error), 'error');
}
