import type { Dialect, DialectFacts } from '../src/schema-facts/types';
/** Which document each dialect comes from, relative to the shared folder. */
export declare const SOURCES: Readonly<Record<Dialect, string>>;
/** Where the facts are written, relative to the repository root. */
export declare const OUTPUTS: Readonly<Record<Dialect, string>>;
/** Extracts the facts of one document (already read as text). */
export declare function extractFacts(dialect: Dialect, text: string): DialectFacts;
/**
 * The facts file's text: sorted keys, laid out by the project's formatter (Biome, so that
 * `npm run lint` accepts the committed file as written).
 */
export declare function renderFacts(facts: DialectFacts, fileName?: string): string;
