/**
 * The size a scale proof runs at. The release tier (`npm run test:release`, which CI runs after
 * `npm test`) sets `TEST_SCALE=full` and runs the proofs at the size the README states; the
 * default run checks the same properties at a size that keeps `npm test` fast.
 *
 * @example
 * const DIALOGS = testScale({ full: 10_000, quick: 2_000 });
 */
export function testScale(sizes: { readonly full: number; readonly quick: number }): number {
  return process.env['TEST_SCALE'] === 'full' ? sizes.full : sizes.quick;
}
