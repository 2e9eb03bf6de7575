/**
 * The misuse guard of a source's `types` option: every name must be an update type of the
 * dialect, so a typo (`'message_create'`) fails at start-up instead of a bot that silently
 * never receives those updates.
 *
 * @example
 * checkUpdateTypes('fromLongPolling', ['message_created'], UPDATE_TYPES, 'TamTam'); // passes
 */
export function checkUpdateTypes(
  source: string,
  types: readonly string[] | undefined,
  known: readonly string[],
  dialect: string,
): void {
  const wrong = types?.find((type) => !known.includes(type));
  if (wrong !== undefined) {
    throw new TypeError(
      `${source}: types has ${JSON.stringify(wrong)}, which is not a ${dialect} update type; use some of ${known.join(', ')}`,
    );
  }
}
