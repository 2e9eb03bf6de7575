/**
 * The web chat page's HTML document: its shell (see `page-shell.ts`) filled in for one request.
 */
import type { PageAssets } from './page-assets';

/**
 * How the page is branded: the dialect the emulator speaks.
 *
 * @example
 * renderPage(nonce, assets, { dialect: 'max', title: 'Max' });
 */
export interface PageBranding {
  readonly dialect: 'tamtam' | 'max';
  /** Product name shown in the title and the sidebar. */
  readonly title: string;
}

const TAMTAM_BRANDING: PageBranding = { dialect: 'tamtam', title: 'TamTam' };

/** A placeholder of the shell: `{{name}}`. */
const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/**
 * The complete page: the shell (markup and inline style) with its placeholders filled in and
 * the inline `script` (see `loadPageAssets`), style and script carrying `nonce` so the
 * Content-Security-Policy can forbid every other script and style. The shell is read in one
 * pass, so nothing inserted (the script) is read for placeholders again; a placeholder it does
 * not know is an error (a shell and a renderer out of step).
 *
 * @example
 * res.end(renderPage(randomBytes(16).toString('base64'), await loadPageAssets()));
 */
export function renderPage(nonce: string, assets: PageAssets, branding: PageBranding = TAMTAM_BRANDING): string {
  if (!/^[A-Za-z0-9+/=_-]{8,}$/.test(nonce))
    throw new RangeError('renderPage: the nonce must be at least 8 base64 characters');
  if (/<\/script|<!--/i.test(assets.script))
    throw new RangeError(
      'renderPage: the script must not contain "</script" or "<!--" (it would end or confuse the inline <script>)',
    );
  const max = branding.dialect === 'max';
  const values = new Map([
    ['nonce', nonce],
    ['dialect', branding.dialect],
    ['pageTitle', max ? 'Max web chat' : 'Web chat'],
    ['brandMark', max ? 'M' : 'tt'],
    ['brandTitle', max ? `${branding.title} web chat` : 'Web chat'],
    ['payloadMax', max ? '512' : '128'],
    ['script', assets.script],
  ]);
  return assets.shell.replace(PLACEHOLDER, (placeholder, name: string) => {
    const value = values.get(name);
    if (value === undefined)
      throw new RangeError(`renderPage: the page shell has an unknown placeholder ${placeholder}`);
    return value;
  });
}
