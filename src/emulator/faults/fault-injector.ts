/**
 * Decides, request by request, which fault (if any) to inject.
 */
import type { FaultOptions, FaultStats } from './fault-options';
import type { FaultPlan } from './fault-plan';
import { mulberry32 } from './prng';

const NO_FAULTS: FaultOptions = {
  seed: 1,
  latencyMs: 0,
  rateLimit: null,
  burst503: null,
  tooManyRequests: null,
  serverErrorProbability: 0,
  dropConnectionProbability: 0,
  dropAfterHeadersProbability: 0,
  malformedBodyProbability: 0,
  nonJsonBodyProbability: 0,
  stalledBodyProbability: 0,
};

/** Seeds the second PRNG stream (the faults added later) apart from the first. */
const SECOND_STREAM = 0x5bd1e995;

/**
 * Stateful fault injector: holds the current {@link FaultOptions}, the seeded PRNG, the
 * rate-limit window and the 503-burst counter. Each request draws the same number of random
 * values whatever is enabled, so a run is repeatable for a given seed and request order. The
 * faults added later (random 429, 500, dropped after headers, HTML body, stalled body) draw
 * from a second stream of the same seed, so the sequences of the older ones stay as they were.
 *
 * @example
 * const faults = new FaultInjector({ seed: 3, burst503: { every: 2 } });
 * faults.plan(Date.now()).outcome; // 'pass'
 * faults.plan(Date.now()).outcome; // 'unavailable'
 */
export class FaultInjector {
  private options: FaultOptions = { ...NO_FAULTS };
  private random: () => number = mulberry32(1);
  private random2: () => number = mulberry32(1 ^ SECOND_STREAM);
  private window: number[] = [];
  private burstLeft = 0;
  private counters: FaultStats = emptyStats();

  constructor(initial: FaultOptions = {}) {
    this.set(initial);
  }

  /** Merges `changes` into the current settings (validated); a new `seed` restarts the PRNG. */
  set(changes: FaultOptions): FaultOptions {
    validateFaults(changes);
    this.options = { ...this.options, ...changes };
    if (changes.seed !== undefined) this.reseed(changes.seed);
    if (changes.burst503 !== undefined) this.burstLeft = 0;
    return this.get();
  }

  /** Turns every fault off (keeps nothing but a fresh PRNG with the default seed) and clears stats. */
  reset(): FaultOptions {
    this.options = { ...NO_FAULTS };
    this.reseed(1);
    this.window = [];
    this.burstLeft = 0;
    this.counters = emptyStats();
    return this.get();
  }

  /** Current settings (a copy). */
  get(): FaultOptions {
    return structuredClone(this.options);
  }

  /** Counters of injected faults. */
  stats(): FaultStats {
    return { ...this.counters };
  }

  /** Decides the fate of one API request arriving at time `now` (ms). */
  plan(now: number): FaultPlan {
    const o = this.options;
    const rLatency = this.random();
    const r503 = this.random();
    const rDrop = this.random();
    const rMalformed = this.random();
    const r429 = this.random2();
    const r500 = this.random2();
    const rCut = this.random2();
    const rNonJson = this.random2();
    const rStall = this.random2();
    this.counters.requests++;

    const latencyMs = pickLatency(o.latencyMs, rLatency);
    if (latencyMs > 0) this.counters.delayed++;
    const plan: FaultPlan = {
      latencyMs,
      outcome: 'pass',
      retryAfterSeconds: o.rateLimit?.retryAfterSeconds ?? 1,
      body: 'intact',
    };

    if (o.rateLimit) {
      this.window = this.window.filter((t) => now - t < 1000);
      if (this.window.length >= o.rateLimit.perSecond) {
        this.counters.rateLimited++;
        return { ...plan, outcome: 'rate-limited' };
      }
      this.window.push(now);
    }
    if (this.startsOrContinuesBurst(r503)) {
      this.counters.unavailable++;
      return { ...plan, outcome: 'unavailable' };
    }
    if (o.tooManyRequests && r429 < o.tooManyRequests.probability) {
      this.counters.rateLimited++;
      const retryAfter = o.tooManyRequests.retryAfterSeconds;
      return { ...plan, outcome: 'rate-limited', retryAfterSeconds: retryAfter === undefined ? 1 : retryAfter };
    }
    if (r500 < (o.serverErrorProbability ?? 0)) {
      this.counters.serverErrors++;
      return { ...plan, outcome: 'server-error' };
    }
    if (rDrop < (o.dropConnectionProbability ?? 0)) {
      this.counters.dropped++;
      return { ...plan, outcome: 'drop' };
    }
    if (rStall < (o.stalledBodyProbability ?? 0)) {
      this.counters.stalled++;
      return { ...plan, body: 'stalled' };
    }
    if (rCut < (o.dropAfterHeadersProbability ?? 0)) {
      this.counters.droppedAfterHeaders++;
      return { ...plan, body: 'cut' };
    }
    if (rNonJson < (o.nonJsonBodyProbability ?? 0)) {
      this.counters.nonJson++;
      return { ...plan, body: 'non-json' };
    }
    if (rMalformed < (o.malformedBodyProbability ?? 0)) {
      this.counters.malformed++;
      return { ...plan, body: 'truncated' };
    }
    return plan;
  }

  private reseed(seed: number): void {
    this.random = mulberry32(seed);
    this.random2 = mulberry32(seed ^ SECOND_STREAM);
  }

  private startsOrContinuesBurst(r: number): boolean {
    const burst = this.options.burst503;
    if (!burst) return false;
    if (this.burstLeft > 0) {
      this.burstLeft--;
      return true;
    }
    const byCount = burst.every !== undefined && this.counters.requests % burst.every === 0;
    const byChance = r < (burst.probability ?? 0);
    if (!byCount && !byChance) return false;
    this.burstLeft = (burst.length ?? 1) - 1;
    return true;
  }
}

function pickLatency(latency: FaultOptions['latencyMs'], r: number): number {
  if (latency === undefined) return 0;
  if (typeof latency === 'number') return latency;
  return Math.round(latency.min + (latency.max - latency.min) * r);
}

function emptyStats(): FaultStats {
  return {
    requests: 0,
    delayed: 0,
    dropped: 0,
    rateLimited: 0,
    unavailable: 0,
    serverErrors: 0,
    droppedAfterHeaders: 0,
    malformed: 0,
    nonJson: 0,
    stalled: 0,
  };
}

/**
 * Throws a `RangeError` naming the bad setting if `faults` is not usable.
 *
 * @example
 * validateFaults({ dropConnectionProbability: 2 }); // throws
 */
export function validateFaults(faults: FaultOptions): void {
  const problems: string[] = [];
  const probability = (name: string, v: unknown): void => {
    if (v !== undefined && (typeof v !== 'number' || !(v >= 0 && v <= 1))) {
      problems.push(`${name} must be a number between 0 and 1`);
    }
  };
  const nonNegative = (name: string, v: unknown, integer = false): void => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
      problems.push(`${name} must be a non-negative ${integer ? 'integer' : 'number'}`);
    }
  };
  if (faults.seed !== undefined && !Number.isInteger(faults.seed)) problems.push('seed must be an integer');
  const latency = faults.latencyMs;
  if (typeof latency === 'number' || latency === null) nonNegative('latencyMs', latency);
  else if (latency !== undefined) {
    nonNegative('latencyMs.min', latency.min);
    nonNegative('latencyMs.max', latency.max);
    if (latency.max < latency.min) problems.push('latencyMs.max must not be below latencyMs.min');
  }
  if (faults.rateLimit) {
    nonNegative('rateLimit.perSecond', faults.rateLimit.perSecond, true);
    if (faults.rateLimit.retryAfterSeconds !== undefined) {
      nonNegative('rateLimit.retryAfterSeconds', faults.rateLimit.retryAfterSeconds, true);
    }
  }
  if (faults.burst503) {
    probability('burst503.probability', faults.burst503.probability);
    const { every, length } = faults.burst503;
    if (every !== undefined && !(Number.isInteger(every) && every >= 1)) {
      problems.push('burst503.every must be an integer ≥ 1');
    }
    if (length !== undefined && !(Number.isInteger(length) && length >= 1)) {
      problems.push('burst503.length must be an integer ≥ 1');
    }
  }
  if (faults.tooManyRequests) {
    const { probability: p, retryAfterSeconds } = faults.tooManyRequests;
    if (p === undefined) problems.push('tooManyRequests.probability is required');
    probability('tooManyRequests.probability', p);
    if (retryAfterSeconds !== undefined && retryAfterSeconds !== null) {
      nonNegative('tooManyRequests.retryAfterSeconds', retryAfterSeconds, true);
    }
  }
  probability('serverErrorProbability', faults.serverErrorProbability);
  probability('dropConnectionProbability', faults.dropConnectionProbability);
  probability('dropAfterHeadersProbability', faults.dropAfterHeadersProbability);
  probability('malformedBodyProbability', faults.malformedBodyProbability);
  probability('nonJsonBodyProbability', faults.nonJsonBodyProbability);
  probability('stalledBodyProbability', faults.stalledBodyProbability);
  if (problems.length > 0) throw new RangeError(`Invalid fault settings: ${problems.join('; ')}`);
}
