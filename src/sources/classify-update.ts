import { UPDATE_TYPES, type MaxUpdateType, type UnknownUpdate, type Update, type UpdateType } from '../types/index';

/**
 * What a JSON value from the network turned out to be (a webhook body, an item of a poll).
 * - `known`: an update of a type this version knows, with the fields handlers rely on present.
 * - `unknown`: a well-formed update of a type this version does not know.
 * - `invalid`: not an update; `reason` says what is wrong.
 *
 * @example
 * const result = classifyUpdate({ update_type: 'dialog_muted', timestamp: 1 }); // kind 'unknown'
 */
export type UpdateClassification =
  | { readonly kind: 'known'; readonly update: Update }
  | { readonly kind: 'unknown'; readonly update: UnknownUpdate }
  | { readonly kind: 'invalid'; readonly reason: string };

type FieldKind = 'object' | 'object?' | 'string' | 'number';

/**
 * Fields each known type must carry so that a handler reading them cannot crash on a forged
 * or truncated body. Deliberately shallow (plus `message.body`/`message.recipient`): the
 * server is trusted for the rest.
 */
const REQUIRED_FIELDS: { readonly [K in UpdateType | MaxUpdateType]: Readonly<Record<string, FieldKind>> } = {
  message_created: { message: 'object' },
  message_callback: { callback: 'object', message: 'object?' },
  message_edited: { message: 'object' },
  message_removed: { message_id: 'string', chat_id: 'number' },
  bot_added: { chat_id: 'number', user: 'object' },
  bot_removed: { chat_id: 'number', user: 'object' },
  user_added: { chat_id: 'number', user: 'object' },
  user_removed: { chat_id: 'number', user: 'object' },
  bot_started: { chat_id: 'number', user: 'object' },
  chat_title_changed: { chat_id: 'number', user: 'object', title: 'string' },
  message_construction_request: { user: 'object', session_id: 'string', input: 'object' },
  message_constructed: { session_id: 'string', message: 'object' },
  message_chat_created: { chat: 'object', message_id: 'string' },
  bot_stopped: { chat_id: 'number', user: 'object' },
  dialog_cleared: { chat_id: 'number', user: 'object' },
  dialog_muted: { chat_id: 'number', user: 'object', muted_until: 'number' },
  dialog_unmuted: { chat_id: 'number', user: 'object' },
  dialog_removed: { chat_id: 'number', user: 'object' },
};

type FieldRule = readonly [field: string, kind: FieldKind];

/** Built on first use (no work at import, so an app that never classifies does not pay). */
let tamtamTypes: ReadonlySet<string> | undefined;
let rulesByType: ReadonlyMap<string, readonly FieldRule[]> | undefined;

/** The rules of `type` as a list (built once: no `Object.entries` per update). */
function rulesOf(type: string): readonly FieldRule[] | undefined {
  rulesByType ??= new Map(
    Object.entries(REQUIRED_FIELDS).map(([name, fields]) => [name, Object.entries(fields) as FieldRule[]]),
  );
  return rulesByType.get(type);
}

/**
 * Types whose `message` is a full chat message (with `recipient`). Compared, not looked up in a
 * Set: that would hash the type string of every update.
 */
function hasRecipient(type: string): boolean {
  return type === 'message_created' || type === 'message_callback' || type === 'message_edited';
}

/**
 * Sorts a parsed JSON value into a known update, an unknown update or not an update at all.
 * `knownTypes` are the update types of the source's dialect (default TamTam's; a Max source
 * passes Max's, so `dialog_muted` is known there and `message_constructed` is not). A known
 * update is typed `Update` here; sources hand it on as their dialect's update union.
 *
 * @example
 * const result = classifyUpdate(JSON.parse(text));
 * if (result.kind === 'known') updates.next(result.update);
 */
export function classifyUpdate(value: unknown, knownTypes?: ReadonlySet<string>): UpdateClassification {
  const kind = checkUpdate(value, knownTypes);
  if (kind === 'known') return { kind, update: value as Update };
  if (kind === 'unknown') return { kind, update: value as UnknownUpdate };
  return { kind: 'invalid', reason: kind.reason };
}

/**
 * {@link classifyUpdate} without the result object, for sources classifying whole batches:
 * `'known'`, `'unknown'` or the reason it is not an update (the same checks, nothing allocated
 * for a valid update). Build one checker per source with {@link updateChecker} to skip the
 * per-call lookups.
 *
 * @example
 * for (const raw of list.updates) if (checkUpdate(raw, known) === 'known') batch.push(raw as Update);
 */
export function checkUpdate(value: unknown, knownTypes?: ReadonlySet<string>): 'known' | 'unknown' | InvalidUpdate {
  tamtamTypes ??= new Set<string>(UPDATE_TYPES);
  const known = knownTypes ?? tamtamTypes;
  return checkAgainst(value, (type) => (known.has(type) ? rulesOf(type) : undefined));
}

/**
 * A checker built by {@link updateChecker}: `'known'`, `'unknown'` or why `value` is not an update.
 *
 * @example
 * const check: UpdateCheck = updateChecker();
 */
export type UpdateCheck = (value: unknown) => 'known' | 'unknown' | InvalidUpdate;

/**
 * A {@link checkUpdate} bound to one set of known types: the rules of each known type are
 * looked up once per update (one `Map` lookup), not per call and set.
 *
 * @example
 * const check = updateChecker(new Set(MAX_UPDATE_TYPES));
 * check(raw); // 'known' | 'unknown' | { reason }
 */
export function updateChecker(knownTypes?: ReadonlySet<string>): UpdateCheck {
  tamtamTypes ??= new Set<string>(UPDATE_TYPES);
  const rules = new Map<string, readonly FieldRule[]>();
  for (const type of knownTypes ?? tamtamTypes) {
    const typeRules = rulesOf(type);
    if (typeRules !== undefined) rules.set(type, typeRules);
  }
  // the type of the last update, remembered: a string from JSON.parse has no hash yet, and
  // comparing it with the last one costs less than hashing it for the Map (a batch is mostly one type)
  let lastType: string | undefined;
  let lastRules: readonly FieldRule[] | undefined;
  const lookup = (type: string) => {
    if (type !== lastType) {
      lastType = type;
      lastRules = rules.get(type);
    }
    return lastRules;
  };
  return (value) => checkAgainst(value, lookup);
}

function checkAgainst(
  value: unknown,
  rulesOfKnown: (type: string) => readonly FieldRule[] | undefined,
): 'known' | 'unknown' | InvalidUpdate {
  if (!isPlainObject(value)) {
    return { reason: `the body must be a JSON object (an Update), got ${describeKind(value)}` };
  }
  const type = value['update_type'];
  if (typeof type !== 'string' || type === '') {
    return { reason: `the body has no string field update_type (got ${describeKind(type)}), so it is not an Update` };
  }
  const timestamp = value['timestamp'];
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    return { reason: `the update ${JSON.stringify(type)} has no numeric timestamp (got ${describeKind(timestamp)})` };
  }
  const required = rulesOfKnown(type);
  if (required === undefined) return 'unknown';
  const problem = missingField(type, required, value);
  return problem === undefined ? 'known' : { reason: problem };
}

/**
 * Why a value is not an update (see {@link checkUpdate}).
 *
 * @example
 * const result = checkUpdate(raw);
 * if (typeof result === 'object') report(result.reason);
 */
export interface InvalidUpdate {
  readonly reason: string;
}

function missingField(
  type: string,
  required: readonly FieldRule[],
  value: Record<string, unknown>,
): string | undefined {
  for (let i = 0; i < required.length; i++) {
    const rule = required[i];
    if (rule === undefined) break;
    const field = rule[0];
    const kind = rule[1];
    const actual = value[field];
    const ok =
      kind === 'object?'
        ? actual === undefined || actual === null || isPlainObject(actual)
        : kind === 'object'
          ? isPlainObject(actual)
          : typeof actual === kind;
    if (!ok)
      return `the ${type} update needs field ${field} (${kind.replace('?', ' or null')}), got ${describeKind(actual)}`;
  }
  const message = value['message'];
  if (isPlainObject(message)) {
    if (!isPlainObject(message['body']))
      return `the ${type} update's message needs an object field body, got ${describeKind(message['body'])}`;
    if (hasRecipient(type) && !isPlainObject(message['recipient'])) {
      return `the ${type} update's message needs an object field recipient, got ${describeKind(message['recipient'])}`;
    }
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'nothing';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
