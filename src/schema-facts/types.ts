/**
 * The shape of the committed schema facts (`tamtam.json`, `max.json`): the structural content
 * of an official OpenAPI document — names, types, formats, required fields, enums, bounds,
 * composition, discriminators, operations — and nothing else (no descriptions, summaries,
 * titles or examples). Written by `scripts/extract-schema-facts.ts` (`npm run schema:facts`).
 *
 * A {@link SchemaFact} is a subset of an OpenAPI 3.0 Schema Object with one change: a
 * reference is `{ ref: 'User' }` (a component name) instead of
 * `{ $ref: '#/components/schemas/User' }`, and discriminator mappings name components the same
 * way.
 *
 * @example
 * import type { DialectFacts } from './types';
 * const names = (facts: DialectFacts) => Object.keys(facts.schemas);
 */

/** The two wire dialects the facts describe. */
export type SchemaDialect = 'tamtam' | 'max';

/** JSON types an OpenAPI 3.0 schema may name in `type`. */
export type SchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/** `discriminator` of a polymorphic base: the tag property and tag value → component name. */
export interface DiscriminatorFact {
  readonly propertyName: string;
  /** Tag value → component name (not a `#/components/...` pointer). */
  readonly mapping: Readonly<Record<string, string>>;
}

/**
 * One schema, as structural facts. Every key is optional; absent means "the document says
 * nothing". `nullable`, `readOnly`, `writeOnly` and `uniqueItems` appear only when `true`.
 */
export interface SchemaFact {
  /** A component name (`#/components/schemas/<ref>`); other keys beside it are kept too. */
  readonly ref?: string;
  readonly type?: SchemaType;
  readonly format?: string;
  readonly enum?: readonly (string | number | boolean | null)[];
  readonly nullable?: true;
  readonly default?: unknown;
  readonly readOnly?: true;
  readonly writeOnly?: true;
  readonly properties?: Readonly<Record<string, SchemaFact>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: SchemaFact | boolean;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly items?: SchemaFact;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: true;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: boolean;
  readonly exclusiveMaximum?: boolean;
  readonly multipleOf?: number;
  readonly allOf?: readonly SchemaFact[];
  readonly oneOf?: readonly SchemaFact[];
  readonly anyOf?: readonly SchemaFact[];
  readonly not?: SchemaFact;
  readonly discriminator?: DiscriminatorFact;
}

/** A path or query parameter of an operation. */
export interface ParameterFact {
  readonly required: boolean;
  readonly schema: SchemaFact;
  /** OpenAPI serialization style when the document names one (`simple` = comma-separated). */
  readonly style?: string;
  readonly explode?: boolean;
}

/** A request or response body: its media type and schema. */
export interface BodyFact {
  readonly mediaType: string;
  readonly schema: SchemaFact;
}

/** One documented response status of an operation; `body` is absent when it has no content. */
export interface ResponseFact {
  readonly body?: BodyFact;
  /** The `#/components/responses/<name>` it was written as, when it was a reference. */
  readonly component?: string;
}

/** One operation (path + method) of the document. */
export interface OperationFact {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path template, e.g. `/chats/{chatId}`. */
  readonly path: string;
  readonly parameters: {
    readonly path: Readonly<Record<string, ParameterFact>>;
    readonly query: Readonly<Record<string, ParameterFact>>;
    readonly header: Readonly<Record<string, ParameterFact>>;
  };
  readonly requestBody?: BodyFact & { readonly required: boolean };
  /** Documented statuses (`"200"`, `"401"`, …) → response. */
  readonly responses: Readonly<Record<string, ResponseFact>>;
  /** The documented 2xx statuses, ascending. */
  readonly success: readonly number[];
  /** The documented error statuses (4xx/5xx), ascending. */
  readonly errors: readonly number[];
}

/** Everything extracted from one OpenAPI document. */
export interface DialectFacts {
  readonly dialect: SchemaDialect;
  readonly source: {
    /** The document's path relative to the shared folder. */
    readonly file: string;
    /** SHA-256 of the document's bytes, to tell which snapshot the facts came from. */
    readonly sha256: string;
    readonly openapi: string;
    /** `info.version` of the document. */
    readonly version: string;
  };
  readonly servers: readonly string[];
  /** The security schemes the document declares (`apiKey` in query or header). */
  readonly security: Readonly<Record<string, { readonly type: string; readonly in?: string; readonly name?: string }>>;
  /** Component name → schema. */
  readonly schemas: Readonly<Record<string, SchemaFact>>;
  /** operationId → operation. */
  readonly operations: Readonly<Record<string, OperationFact>>;
  /**
   * Where the document is not valid or not self-consistent OpenAPI and how the facts were
   * normalized (one line each, in the extractor's words).
   */
  readonly quirks: readonly string[];
}
