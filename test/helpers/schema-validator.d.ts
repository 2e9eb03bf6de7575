import { type Dialect, type DialectFacts } from '../../src/schema-facts';
/** `{ ok: true }`, or every problem found, one line each (`<where>: <what>`). */
export type ValidationResult = {
    readonly ok: true;
} | {
    readonly ok: false;
    readonly errors: readonly string[];
};
/** Options of {@link schemaValidator}. */
export interface SchemaValidatorOptions {
    /**
     * Reject object fields the schema does not declare, and query parameters the operation does
     * not declare (the token and `v` are always allowed). Default `false`.
     */
    readonly strict?: boolean;
    /**
     * A required field whose schema is nullable: `'present'` (default, as the documents say:
     * the key must be there, null allowed) or `'optional'` (may be left out — what servers
     * accept in requests, e.g. `NewMessageBody` without `attachments` and `link`).
     */
    readonly nullableRequired?: 'present' | 'optional';
}
/** What {@link SchemaValidator.validateRequest} checks; every part is optional. */
export interface RequestParts {
    /** Path parameters by name (strings from a URL are converted to the declared type). */
    readonly path?: Readonly<Record<string, unknown>>;
    /**
     * Query parameters: a `URLSearchParams` or a record. Strings are converted to the declared
     * type; a string for an array parameter is split at commas (`style: simple`).
     */
    readonly query?: URLSearchParams | Readonly<Record<string, unknown>>;
    /** The parsed JSON body; `undefined` = no body. */
    readonly body?: unknown;
}
/** A dialect's validator; see {@link schemaValidator}. */
export interface SchemaValidator {
    readonly dialect: Dialect;
    readonly facts: DialectFacts;
    /** Checks a value against a component schema (`'Update'`, `'NewMessageBody'`, …). */
    validate(component: string, value: unknown): ValidationResult;
    /** Checks an operation's path and query parameters and its request body. */
    validateRequest(operationId: string, request: RequestParts): ValidationResult;
    /** Checks a response body against the schema documented for that operation and status. */
    validateResponse(operationId: string, status: number, body: unknown): ValidationResult;
}
/**
 * The validator of a dialect (cached; component validators compile on first use).
 *
 * @example
 * expect(schemaValidator('max').validate('Update', update)).toEqual({ ok: true });
 */
export declare function schemaValidator(dialect: Dialect, options?: SchemaValidatorOptions): SchemaValidator;
