/**
 * Deterministic id generators for everything the emulator hands out.
 */

/**
 * Dialog ids are this plus the user's id, so the dialog with a user has the same id in the
 * emulator and in test data made without one.
 *
 * @example
 * dialogIdFor(500_000_102) === DIALOG_ID_BASE + 500_000_102; // true
 */
export const DIALOG_ID_BASE = 80_000_000_000;

/**
 * The id the dialog between the bot and `userId` gets when it is created (unless a fixture
 * gives it another one): `80_000_000_000 + userId`, or `undefined` when that is no safe
 * positive integer.
 *
 * @example
 * dialogIdFor(500_000_102); // 80500000102
 */
export function dialogIdFor(userId: number): number | undefined {
  const id = DIALOG_ID_BASE + userId;
  return Number.isSafeInteger(id) && id > DIALOG_ID_BASE ? id : undefined;
}

/**
 * The user a dialog id made by {@link dialogIdFor} belongs to, or `null` for other ids.
 *
 * @example
 * dialogUserFor(80_500_000_102); // 500000102
 */
export function dialogUserFor(chatId: number): number | null {
  return Number.isSafeInteger(chatId) && chatId > DIALOG_ID_BASE ? chatId - DIALOG_ID_BASE : null;
}

/**
 * Hands out ids: users, chats (negative), dialogs, message ids, callback ids, tokens. Ids are
 * deterministic (counters), so two runs with the same actions produce the same ids.
 *
 * @example
 * const ids = new IdAllocator();
 * ids.mid(-70_000_000_001); // 'mid.ffffffefb3acc3ff0000000000000001'
 */
export class IdAllocator {
  /**
   * `midSpace` (0–65535) puts a fixed 4-digit space before a 12-digit counter in message ids,
   * the layout of the test kit's ids, so ids of a world and of test data never meet when
   * their spaces differ. Default: no space, a 16-digit counter.
   */
  constructor(private readonly options: { readonly midSpace?: number } = {}) {
    const space = options.midSpace;
    if (space !== undefined && (!Number.isInteger(space) || space < 0 || space > 0xffff)) {
      throw new RangeError(`IdAllocator: midSpace must be a whole number 0–65535, got ${String(space)}`);
    }
  }

  private nextUser = 500_000_101;
  private nextGroup = -70_000_000_001;
  private nextDialog = 80_000_000_001;
  private counters = new Map<string, number>();

  /** Makes sure generated ids never collide with ids given explicitly (fixtures). */
  reserveUser(id: number): void {
    if (id >= this.nextUser) this.nextUser = id + 1;
  }

  /** Same as {@link reserveUser} for chat ids (negative) and dialog ids (positive). */
  reserveChat(id: number): void {
    if (id < 0 && id <= this.nextGroup) this.nextGroup = id - 1;
    if (id > 0 && id >= this.nextDialog) this.nextDialog = id + 1;
  }

  /** A new user id. */
  user(): number {
    return this.nextUser++;
  }

  /** A new group chat or channel id (negative). */
  group(): number {
    return this.nextGroup--;
  }

  /** A new dialog id (positive) from the counter; see {@link dialogIdFor} for the usual one. */
  dialog(): number {
    return this.nextDialog++;
  }

  /** A new message id, shaped like the real ones (`mid.` + 32 hex digits). */
  mid(chatId: number): string {
    const chatHex = BigInt.asUintN(64, BigInt(chatId)).toString(16).padStart(16, '0');
    const space = this.options.midSpace;
    const counter = this.count('mid').toString(16);
    return space === undefined
      ? `mid.${chatHex}${counter.padStart(16, '0')}`
      : `mid.${chatHex}${space.toString(16).padStart(4, '0')}${counter.padStart(12, '0')}`;
  }

  /** A new opaque id with a prefix, e.g. `cb` → `cb.00000001`. */
  opaque(prefix: string): string {
    return `${prefix}.${this.count(prefix).toString(16).padStart(8, '0')}`;
  }

  /** A new number from the named counter (1, 2, 3, ...). */
  count(name: string): number {
    const next = (this.counters.get(name) ?? 0) + 1;
    this.counters.set(name, next);
    return next;
  }
}
