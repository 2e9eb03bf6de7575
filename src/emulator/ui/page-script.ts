/**
 * The web chat page's whole client script: the three parts in one strict-mode function scope.
 */
import { APP_SCRIPT } from './page-script-app';
import { MARKUP_SCRIPT } from './page-script-markup';
import { MESSAGES_SCRIPT } from './page-script-messages';

/**
 * The page's JavaScript (vanilla, no dependencies). It renders messages with DOM APIs and
 * `textContent` only, and talks to nothing but the emulator's `/_emulator` routes.
 *
 * @example
 * const html = `<script nonce="${nonce}">${PAGE_SCRIPT}</script>`;
 */
export const PAGE_SCRIPT = `(function () {\n'use strict';\n${MARKUP_SCRIPT}\n${MESSAGES_SCRIPT}\n${APP_SCRIPT}\n})();\n`;
