import type { UnknownUpdate } from '../types/index';

/**
 * The default `onUnknownUpdate` of the sources: one console warning per unknown type, so a
 * newer server cannot flood the log, and nothing passes unnoticed.
 *
 * @example
 * const onUnknownUpdate = options.onUnknownUpdate ?? warnOncePerType('long polling', 'It was reported on status$.');
 */
export function warnOncePerType(source: string, whereItWent: string): (update: UnknownUpdate) => void {
  const seen = new Set<string>();
  return (update) => {
    if (seen.has(update.update_type)) return;
    seen.add(update.update_type);
    console.warn(
      `tamtam-rx ${source}: received update_type ${JSON.stringify(update.update_type)}, which this version does not know. ` +
        `${whereItWent} Pass onUnknownUpdate to handle it (this warning shows once per type).`,
    );
  };
}
