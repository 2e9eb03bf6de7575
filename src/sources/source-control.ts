import { type Observable, Subject, type Subscriber } from 'rxjs';
import { fanOut } from './fan-out';
import type { UnknownUpdate, Update } from '../types/index';
import type { UpdateSourceStatus, UpdateSourceStopResult } from './update-source';

/** One subscription's run of a source (a polling loop, a stream reader) that {@link SourceControl} drives. */
export interface SourceSession {
  run(): Promise<void>;
  /** Graceful stop; resolves with the number of updates still unsettled after the stop timeout. */
  stop(): Promise<number>;
  /** Abrupt end: every subscriber left. */
  dispose(): void;
  /** Completes the update stream after a graceful stop (for a session that does not itself). */
  complete?(): void;
}

/** How a source opens a session for the shared subscriber; `report` is its status channel. */
export type OpenSession<S> = (subscriber: Subscriber<Update>, report: (event: S) => void) => SourceSession;

/**
 * The state behind one session-based {@link UpdateSource} (`fromLongPolling`, `fromRedisStream`):
 * the current session, `status$` and `unknownUpdates$`, and the graceful, final `stop()`. One
 * session runs per subscription of the source's shared loop; `stop()` stops it, reports
 * `{ type: 'stopped' }` (unless the session did) and completes every stream.
 *
 * @example
 * const control = new SourceControl<PollingStatus>((subscriber, report) => new PollingSession(...), options.onStatus, { type: 'stopped' });
 * const updates$ = control.shared();
 */
export class SourceControl<S extends UpdateSourceStatus> {
  readonly status = new Subject<S>();
  readonly unknown = new Subject<UnknownUpdate>();
  #session: SourceSession | undefined;
  #stopping: Promise<UpdateSourceStopResult> | undefined;
  #lastStatus: string | undefined;

  constructor(
    private readonly open: OpenSession<S>,
    private readonly onStatus: (event: S) => void,
    private readonly stopped: S,
  ) {}

  /** The source's one loop, shared by all its subscribers: a session per subscription of it ({@link fanOut}). */
  shared(): Observable<Update> {
    return fanOut<Update>((subscriber) => this.start(subscriber));
  }

  /** Runs a session for the shared subscriber; the returned teardown disposes it. */
  start(subscriber: Subscriber<Update>): (() => void) | undefined {
    if (this.#stopping !== undefined) {
      subscriber.complete();
      return undefined;
    }
    const session = this.open(subscriber, (event) => this.report(event));
    this.#session = session;
    void session.run();
    return () => {
      session.dispose();
      if (this.#session === session) this.#session = undefined;
    };
  }

  stop(): Promise<UpdateSourceStopResult> {
    this.#stopping ??= (async () => {
      const session = this.#session;
      const unfinished = (await session?.stop()) ?? 0;
      if (this.#lastStatus !== this.stopped.type) this.report(this.stopped);
      session?.complete?.();
      this.status.complete();
      this.unknown.complete();
      return { unfinished };
    })();
    return this.#stopping;
  }

  /** Tells the user's `onStatus`, then `status$` (even when `onStatus` throws), and `unknownUpdates$`. */
  report(event: S): void {
    this.#lastStatus = event.type;
    try {
      this.onStatus(event);
    } finally {
      this.status.next(event);
      if (isUnknownUpdateEvent(event)) this.unknown.next(event.update);
    }
  }
}

/** Every source reports an update of a type it does not know as `{ type: 'unknown_update', update }`. */
function isUnknownUpdateEvent(event: UpdateSourceStatus): event is { type: 'unknown_update'; update: UnknownUpdate } {
  return event.type === 'unknown_update' && 'update' in event;
}
