import type { OperatorFunction } from 'rxjs';
import { deriveUpdate } from '../delivery/derive-update';
import { filterDerive } from './filter-derive';
import { type AnyUpdate, type UpdateLike, type UpdateOfType, isOfType } from './update-like';

/**
 * A bot command found at the start of a message, e.g. `/remind@my_bot 10m "call mom"`.
 *
 * @example
 * const parsed: ParsedCommand<'remind'> = { name: 'remind', mention: 'my_bot', args: '10m "call mom"', argv: ['10m', 'call mom'] };
 */
export interface ParsedCommand<N extends string = string> {
  /** The command as you named it in `command(...)` (matching ignores case). */
  readonly name: N;
  /** The bot username after `@`, or `null` when the command names no bot. */
  readonly mention: string | null;
  /** Everything after the command, trimmed (`''` when nothing follows). */
  readonly args: string;
  /** `args` split on whitespace; "double" or 'single' quotes keep spaces inside one argument. */
  readonly argv: readonly string[];
}

/**
 * A `message_created` update that starts with one of the commands; the parsed command is in
 * `command`.
 *
 * @example
 * function onStart(u: CommandUpdate<MessageCreatedUpdate, 'start'>) { return u.command.args; }
 */
export type CommandUpdate<U, N extends string = string> = U & { readonly command: ParsedCommand<N> };

/**
 * Options of {@link command}.
 *
 * @example
 * command('start', { username: 'release_bot' });
 */
export interface CommandOptions {
  /**
   * The bot's own username (with or without `@`). When set, `/cmd@other_bot` is ignored, as
   * it is meant for another bot in the same group. Default: unset — every `@mention` passes.
   */
  readonly username?: string;
}

const COMMAND = /^\/([^\s@/]+)(?:@(\S+))?(?:\s+([\s\S]*))?$/;

/**
 * Lets through new messages (`message_created`) that start with `/name` for one of the given
 * names (without the slash; matching ignores case) and adds the parsed command as `command`.
 * `/name@botname args` is understood; leading whitespace before the slash is not.
 *
 * @example
 * updates$.pipe(
 *   command(['start', 'help'], { username: 'release_bot' }),
 *   mergeMap((u) => reply(api, u, u.command.name === 'help' ? 'Try /start' : 'Hi!')),
 * );
 */
export function command<const N extends string, U extends UpdateLike = AnyUpdate>(
  names: N | readonly [N, ...N[]],
  options: CommandOptions = {},
): OperatorFunction<U, CommandUpdate<UpdateOfType<U, 'message_created'>, N>> {
  const list: readonly N[] = typeof names === 'string' ? [names] : names;
  if (!Array.isArray(list) || list.length === 0)
    throw new TypeError("command: name at least one command, e.g. command('start')");
  const byLowerName = new Map<string, N>();
  for (const name of list) {
    const raw: unknown = name;
    if (typeof raw !== 'string' || !/^[^\s@/]+$/.test(raw)) {
      throw new TypeError(
        `command: ${JSON.stringify(raw)} is not a command name; pass it without the slash and without spaces, e.g. 'start'`,
      );
    }
    byLowerName.set(raw.toLowerCase(), name);
  }
  const own = options.username?.replace(/^@/, '').toLowerCase();
  return filterDerive(
    (u: U) => isOfType(u, 'message_created'),
    (update): CommandUpdate<UpdateOfType<U, 'message_created'>, N> | null => {
      const text = update.message?.body?.text;
      if (typeof text !== 'string') return null;
      const found = COMMAND.exec(text);
      if (found === null) return null;
      const name = byLowerName.get((found[1] ?? '').toLowerCase());
      const mention = found[2] ?? null;
      if (name === undefined) return null;
      if (mention !== null && own !== undefined && mention.toLowerCase() !== own) return null;
      const args = (found[3] ?? '').trim();
      const parsed: ParsedCommand<N> = { name, mention, args, argv: splitArgs(args) };
      return deriveUpdate(update, { command: parsed });
    },
  );
}

function splitArgs(args: string): string[] {
  const argv: string[] = [];
  const token = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = token.exec(args); m !== null; m = token.exec(args)) argv.push(m[1] ?? m[2] ?? m[3] ?? '');
  return argv;
}
