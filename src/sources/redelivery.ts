const redelivered = new WeakSet<object>();

/**
 * True for an update that long polling replayed from its store after a crash: it was
 * fetched before, maybe even handled, but its handling was not recorded. Use it to make
 * side effects idempotent (e.g. check whether you already replied).
 *
 * @example
 * updates$.pipe(filter((u) => !isRedelivery(u) || !alreadyAnswered(u)));
 */
export function isRedelivery(update: object): boolean {
  return redelivered.has(update);
}

/** Marks an update as replayed (sources only). */
export function markRedelivery(update: object): void {
  redelivered.add(update);
}
