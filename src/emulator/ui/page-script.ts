/**
 * The web chat page's script. From source, it is bundled from `client/` (TypeScript) with
 * esbuild at the first page request; in the built package, this module is replaced by the
 * finished script (see `pageScriptPlugin` in `page-bundle.ts`), so esbuild is never needed
 * at run time.
 */
import { bundlePageScript } from './page-bundle';

let script: Promise<string> | undefined;

/**
 * The page's JavaScript: one strict-mode IIFE, no dependencies. It renders messages with DOM
 * APIs and `textContent` only, and talks to nothing but the emulator's `/_emulator` routes.
 * Bundled once per process; a failed bundle (a compile error in `client/`) is retried on the
 * next call.
 *
 * @example
 * const html = `<script nonce="${nonce}">${await loadPageScript()}</script>`;
 */
export function loadPageScript(): Promise<string> {
  if (!script) {
    const pending = bundlePageScript();
    script = pending;
    pending.catch(() => {
      if (script === pending) script = undefined;
    });
  }
  return script;
}
