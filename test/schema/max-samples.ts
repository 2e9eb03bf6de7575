/**
 * Max-shaped samples for the schema tests, derived from the shared TamTam samples
 * (test/fixtures/updates.ts) by the model differences listed in the Max facts: users gain
 * `first_name`/`last_name`, every recipient is a `chat`, callback buttons lose `intent`, video
 * thumbnails are `{ url }`, contacts carry `max_info`, messages have no `constructor`; plus the
 * five Max-only update types. Plain JSON data, independent of src/types.
 */
import { allSampleAttachments, allSampleButtons, sampleChatIds, sampleUpdates, sampleUsers } from '../fixtures/updates';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The update types TamTam has and Max does not. */
export const TAMTAM_ONLY_UPDATE_TYPES = [
  'message_chat_created',
  'message_construction_request',
  'message_constructed',
] as const;
/** The update types Max has and TamTam does not. */
export const MAX_ONLY_UPDATE_TYPES = [
  'bot_stopped',
  'dialog_cleared',
  'dialog_muted',
  'dialog_unmuted',
  'dialog_removed',
] as const;

/** Rewrites a TamTam-shaped payload into the Max shape (a deep copy). */
export function toMax(value: unknown): Json {
  if (Array.isArray(value)) return value.map(toMax);
  if (typeof value !== 'object' || value === null) return value as Json;
  const source = value as Record<string, unknown>;
  const out: { [key: string]: Json } = {};
  for (const [key, inner] of Object.entries(source)) {
    if (key === 'constructor') continue;
    if (key === 'intent' && source['type'] === 'callback') continue;
    if (key === 'chat_type') out[key] = 'chat';
    else if (key === 'thumbnail' && typeof inner === 'object' && inner !== null) {
      out[key] = { url: (inner as { url: string }).url };
    } else if (key === 'tam_info') out['max_info'] = toMax(inner);
    else out[key] = toMax(inner);
  }
  if (
    typeof source['user_id'] === 'number' &&
    typeof source['is_bot'] === 'boolean' &&
    typeof source['name'] === 'string'
  ) {
    const [first = '', ...rest] = source['name'].split(' ');
    out['first_name'] = first;
    out['last_name'] = rest.length > 0 ? rest.join(' ') : null;
  }
  return out;
}

const T0 = 1_717_245_296_123;
const alice = toMax(sampleUsers.alice);

function dialogEvent(update_type: string, extra: { [key: string]: Json } = {}): Json {
  return {
    update_type,
    timestamp: T0 + 90_000,
    chat_id: sampleChatIds.dialog,
    user: alice,
    user_locale: 'ru',
    ...extra,
  };
}

/** One Max sample per Max update type (the ten shared ones converted, the five Max-only ones). */
export const maxSampleUpdates: Readonly<Record<string, Json>> = {
  ...Object.fromEntries(
    Object.entries(sampleUpdates)
      .filter(([type]) => !(TAMTAM_ONLY_UPDATE_TYPES as readonly string[]).includes(type))
      .map(([type, update]) => [type, toMax(update)]),
  ),
  bot_stopped: dialogEvent('bot_stopped'),
  dialog_cleared: dialogEvent('dialog_cleared'),
  dialog_muted: dialogEvent('dialog_muted', { muted_until: T0 + 3_600_000 }),
  dialog_unmuted: dialogEvent('dialog_unmuted'),
  dialog_removed: dialogEvent('dialog_removed'),
};

/** The shared attachment samples in the Max shape. */
export const maxSampleAttachments: readonly Json[] = allSampleAttachments.map(toMax);

/** The shared button samples in the Max shape, without TamTam's `chat` button, plus Max's own. */
export const maxSampleButtons: readonly Json[] = [
  ...allSampleButtons.filter((b) => b.type !== 'chat').map(toMax),
  { type: 'open_app', text: 'Open the app' },
  { type: 'message', text: 'Say hi' },
  { type: 'clipboard', text: 'Copy the code', payload: 'RX-482' },
];
