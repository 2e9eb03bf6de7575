/**
 * The part of autocannon 9's programmatic API the webhook workload uses (the package ships no
 * types): `autocannon(options)` runs the load and resolves with its result.
 */
declare module 'autocannon' {
  /** Load options, as autocannon's command line flags of the same names. */
  interface Options {
    readonly url: string;
    readonly connections: number;
    /** Seconds (`-d`). */
    readonly duration?: number;
    /** Exactly this many requests (`-a`), instead of a duration. */
    readonly amount?: number;
    readonly method: 'POST';
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
    /** `-I`: every `[<id>]` in the body becomes a fresh id per request. */
    readonly idReplacement: boolean;
  }

  /** What a run counted. */
  interface Result {
    /** Seconds the run took. */
    readonly duration: number;
    readonly requests: { readonly average: number; readonly total: number };
    readonly non2xx: number;
    readonly errors: number;
    readonly '2xx': number;
  }

  /**
   * Runs the load and resolves with its result.
   *
   * @example
   * const result = await autocannon({ url, connections: 50, duration: 2, method: 'POST', headers: {}, body: '{}', idReplacement: true });
   */
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
