/**
 * The stored position of one dialog, and the checks run when it is read back.
 */
import type { SendMessageTarget } from '../actions/messages';

/** How many handled updates a record remembers to recognise redeliveries. */
export const APPLIED_MEMORY = 8;

/**
 * A dialog's position as stored: which conversation, which step, the data, and what is needed
 * to continue elsewhere (deadlines as epoch ms on the engine's clock, where to send).
 *
 * @example
 * const record: ConversationRecord = { v: 1, flow: 'order', step: 'size', data: { name: 'Ann' }, seq: 2,
 *   stepDeadline: null, deadline: null, applied: ['mid.1'], target: { chat_id: 42 } };
 */
export interface ConversationRecord {
  /** Format version. */
  readonly v: 1;
  /** The conversation's id. */
  readonly flow: string;
  /** The step the dialog waits at. */
  readonly step: string;
  /** The data of that step. */
  readonly data: unknown;
  /** Counts the steps entered: a timer fires only for the step entry it was set for. */
  readonly seq: number;
  /** When this step's time limit runs out, or `null`. */
  readonly stepDeadline: number | null;
  /** When the whole dialog's time limit runs out, or `null`. */
  readonly deadline: number | null;
  /** Ids of the last updates that moved the dialog (a redelivery of one of them is skipped). */
  readonly applied: readonly string[];
  /** Where the dialog's messages go. */
  readonly target: SendMessageTarget;
}

/**
 * The record read from a store, or `null` when the value is not one (written by something else
 * or by an incompatible version).
 *
 * @example
 * const record = asRecord(await store.get(key));
 */
export function asRecord(value: unknown): ConversationRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Partial<Record<keyof ConversationRecord, unknown>>;
  const deadlineOk = (d: unknown): boolean => d === null || typeof d === 'number';
  const target = r.target as { chat_id?: unknown; user_id?: unknown } | undefined;
  if (
    r.v !== 1 ||
    typeof r.flow !== 'string' ||
    typeof r.step !== 'string' ||
    typeof r.data !== 'object' ||
    r.data === null ||
    typeof r.seq !== 'number' ||
    !deadlineOk(r.stepDeadline) ||
    !deadlineOk(r.deadline) ||
    !Array.isArray(r.applied) ||
    typeof target !== 'object' ||
    target === null ||
    !(typeof target.chat_id === 'number' || typeof target.user_id === 'number')
  ) {
    return null;
  }
  return value as ConversationRecord;
}

/**
 * The earliest of a record's deadlines, or `null` when it has none.
 *
 * @example
 * const at = nextDeadline(record); // schedule the timer for this instant
 */
export function nextDeadline(record: ConversationRecord): number | null {
  const { stepDeadline, deadline } = record;
  if (stepDeadline === null) return deadline;
  if (deadline === null) return stepDeadline;
  return Math.min(stepDeadline, deadline);
}
