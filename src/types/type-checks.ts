/**
 * Compile-time helpers used to prove that runtime constant lists match their types.
 * Internal to `src/types`; not re-exported from the index.
 */

/**
 * `true` when `A` and `B` contain exactly the same members, `false` otherwise.
 *
 * @example
 * type Yes = SameMembers<'a' | 'b', 'b' | 'a'>; // true
 */
export type SameMembers<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * Fails to compile unless `T` is `true`.
 *
 * @example
 * type _Check = Assert<SameMembers<'a', 'a'>>;
 */
export type Assert<T extends true> = T;
