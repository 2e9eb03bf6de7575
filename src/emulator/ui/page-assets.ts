/**
 * The web chat page's assets: its script and its HTML shell (with the stylesheet). From source,
 * they are built (the script bundled from `client/` with esbuild) at the first page request;
 * in the built package, this module is replaced by one that reads the finished, minified
 * assets from files beside the output (see `pageAssetsPlugin` in `page-plugin.ts`), so esbuild
 * is never needed at run time.
 */
import { buildPageAssets } from './page-bundle';

/**
 * What the page is made of.
 *
 * @example
 * const { script, shell } = await loadPageAssets();
 */
export interface PageAssets {
  /**
   * The page's JavaScript: one strict-mode IIFE, no dependencies. It renders messages with DOM
   * APIs and `textContent` only, and talks to nothing but the emulator's `/_emulator` routes.
   */
  readonly script: string;
  /** The HTML with the stylesheet inlined and placeholders for the rest (see `pageShell`). */
  readonly shell: string;
}

let assets: Promise<PageAssets> | undefined;

/**
 * The page's assets, built once per process; a failed build (a compile error in `client/`) is
 * retried on the next call.
 *
 * @example
 * const html = renderPage(nonce, await loadPageAssets());
 */
export function loadPageAssets(): Promise<PageAssets> {
  if (!assets) {
    const pending = buildPageAssets().then(({ script, shell }) => ({ script, shell }));
    assets = pending;
    pending.catch(() => {
      if (assets === pending) assets = undefined;
    });
  }
  return assets;
}
