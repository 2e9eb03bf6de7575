/**
 * Validates payloads against the official schema of a dialect, from the committed schema facts
 * (src/schema-facts) compiled with Ajv (JSON Schema 2019-09). Independent of src/types: a test
 * can check what the code under test produced without trusting the code's own types.
 *
 * @example
 * const tamtam = schemaValidator('tamtam');
 * tamtam.validate('Update', update);                          // { ok: true }
 * tamtam.validateRequest('getUpdates', { query: { limit: '5000' } });
 * // { ok: false, errors: ['query.limit: must be <= 1000'] }
 * tamtam.validateResponse('getMyInfo', 200, body);
 */
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019';
import {
  type SchemaDialect,
  type DialectFacts,
  type OperationFact,
  type ParameterFact,
  type SchemaFact,
  factsToJsonSchema,
  schemaFacts,
} from '../../src/schema-facts';

/** `{ ok: true }`, or every problem found, one line each (`<where>: <what>`). */
export type ValidationResult = { readonly ok: true } | { readonly ok: false; readonly errors: readonly string[] };

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
  readonly dialect: SchemaDialect;
  readonly facts: DialectFacts;
  /** Checks a value against a component schema (`'Update'`, `'NewMessageBody'`, …). */
  validate(component: string, value: unknown): ValidationResult;
  /** Checks an operation's path and query parameters and its request body. */
  validateRequest(operationId: string, request: RequestParts): ValidationResult;
  /** Checks a response body against the schema documented for that operation and status. */
  validateResponse(operationId: string, status: number, body: unknown): ValidationResult;
}

/** Query parameters every request may carry besides the declared ones (`v`: API version). */
const ALWAYS_ALLOWED_QUERY = ['v'];

/** OpenAPI formats used by the documents; unknown ones would fail Ajv's strict compile. */
const FORMATS = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  double: { type: 'number', validate: (n: number) => Number.isFinite(n) },
  float: { type: 'number', validate: (n: number) => Number.isFinite(n) },
  string: { type: 'string', validate: () => true },
} as const;

const cache = new Map<string, SchemaValidator>();

/**
 * The validator of a dialect (cached; component validators compile on first use).
 *
 * @example
 * expect(schemaValidator('max').validate('Update', update)).toEqual({ ok: true });
 */
export function schemaValidator(dialect: SchemaDialect, options: SchemaValidatorOptions = {}): SchemaValidator {
  const strict = options.strict ?? false;
  const nullableRequired = options.nullableRequired ?? 'present';
  const key = `${dialect}:${strict}:${nullableRequired}`;
  let validator = cache.get(key);
  if (!validator) {
    validator = createValidator(dialect, strict, nullableRequired);
    // Strict checks run only on payloads that pass the lenient ones: a field inside a failed
    // variant counts as "unevaluated", and would bury the real error under cascading noise.
    if (strict) validator = lenientFirst(schemaValidator(dialect, { nullableRequired }), validator);
    cache.set(key, validator);
  }
  return validator;
}

function lenientFirst(lenient: SchemaValidator, strict: SchemaValidator): SchemaValidator {
  return {
    dialect: strict.dialect,
    facts: strict.facts,
    validate: (component, value) => {
      const first = lenient.validate(component, value);
      return first.ok ? strict.validate(component, value) : first;
    },
    validateRequest: (operationId, request) => {
      const first = lenient.validateRequest(operationId, request);
      return first.ok ? strict.validateRequest(operationId, request) : first;
    },
    validateResponse: (operationId, status, body) => {
      const first = lenient.validateResponse(operationId, status, body);
      return first.ok ? strict.validateResponse(operationId, status, body) : first;
    },
  };
}

function createValidator(
  dialect: SchemaDialect,
  strict: boolean,
  nullableRequired: 'present' | 'optional',
): SchemaValidator {
  const facts = schemaFacts(dialect);
  const doc = factsToJsonSchema(facts, { strict, nullableRequired });
  // ownProperties: a field is present only as an own property (a plain object's inherited
  // `constructor` is not a `Message.constructor` field). strictTypes off: the value definitions
  // of non-object components carry `unevaluatedProperties` too, which is harmless.
  const ajv = new Ajv2019({
    allErrors: true,
    ownProperties: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
  });
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  ajv.addSchema(doc.root);

  const components = new Map<string, ValidateFunction>();
  const compiledFacts = new WeakMap<SchemaFact, ValidateFunction>();
  const componentValidator = (name: string): ValidateFunction => {
    const fn = components.get(name) ?? ajv.compile(doc.ref(name));
    components.set(name, fn);
    return fn;
  };
  const factValidator = (fact: SchemaFact): ValidateFunction => {
    const fn = compiledFacts.get(fact) ?? ajv.compile(doc.schemaOf(fact));
    compiledFacts.set(fact, fn);
    return fn;
  };
  const check = (fn: ValidateFunction, value: unknown, where: string, errors: string[]): void => {
    if (!fn(value)) errors.push(...formatErrors(fn.errors ?? [], where));
  };
  const result = (errors: readonly string[]): ValidationResult =>
    errors.length === 0 ? { ok: true } : { ok: false, errors };
  const operation = (operationId: string): OperationFact => {
    if (!Object.hasOwn(facts.operations, operationId)) {
      throw new TypeError(`schemaValidator(${dialect}): no operation ${JSON.stringify(operationId)} in the schema`);
    }
    return facts.operations[operationId]!;
  };
  const tokenParams = Object.values(facts.security)
    .filter((s) => s.in === 'query' && s.name !== undefined)
    .map((s) => s.name!);

  const checkParameters = (
    where: 'path' | 'query',
    declared: Readonly<Record<string, ParameterFact>>,
    given: Map<string, unknown>,
    errors: string[],
  ): void => {
    for (const [name, param] of Object.entries(declared)) {
      if (!given.has(name)) {
        if (param.required) errors.push(`${where}.${name}: is required`);
        continue;
      }
      const value = fromString(given.get(name), param.schema, facts);
      check(factValidator(param.schema), value, `${where}.${name}`, errors);
    }
    for (const name of given.keys()) {
      if (Object.hasOwn(declared, name)) continue;
      if (where === 'path') errors.push(`path.${name}: not a parameter of this operation`);
      else if (strict && !tokenParams.includes(name) && !ALWAYS_ALLOWED_QUERY.includes(name)) {
        errors.push(`query.${name}: not a parameter of this operation`);
      }
    }
  };

  return {
    dialect,
    facts,
    validate(component, value) {
      if (!Object.hasOwn(facts.schemas, component)) {
        throw new TypeError(`schemaValidator(${dialect}): no component ${JSON.stringify(component)} in the schema`);
      }
      const errors: string[] = [];
      check(componentValidator(component), value, '', errors);
      return result(errors);
    },
    validateRequest(operationId, request) {
      const op = operation(operationId);
      const errors: string[] = [];
      checkParameters('path', op.parameters.path, new Map(Object.entries(request.path ?? {})), errors);
      checkParameters('query', op.parameters.query, queryMap(request.query), errors);
      if (op.requestBody) {
        if (request.body === undefined) {
          if (op.requestBody.required) errors.push('body: is required');
        } else check(factValidator(op.requestBody.schema), request.body, 'body', errors);
      } else if (request.body !== undefined) {
        errors.push(`body: ${operationId} takes no request body`);
      }
      return result(errors);
    },
    validateResponse(operationId, status, body) {
      const op = operation(operationId);
      const response = op.responses[String(status)];
      if (!Object.hasOwn(op.responses, String(status)) || !response) {
        const documented = Object.keys(op.responses).join(', ') || 'none';
        return result([`status: ${status} is not documented for ${operationId} (documented: ${documented})`]);
      }
      const errors: string[] = [];
      if (response.body) check(factValidator(response.body.schema), body, 'body', errors);
      return result(errors);
    },
  };
}

function queryMap(query: RequestParts['query']): Map<string, unknown> {
  const map = new Map<string, unknown>();
  if (query === undefined) return map;
  if (query instanceof URLSearchParams) {
    for (const name of new Set(query.keys())) {
      const all = query.getAll(name);
      map.set(name, all.length === 1 ? all[0] : all);
    }
    return map;
  }
  for (const [name, value] of Object.entries(query)) if (value !== undefined) map.set(name, value);
  return map;
}

/** The JSON type a (possibly referenced) schema declares, looking through refs and allOf. */
function declaredType(fact: SchemaFact, facts: DialectFacts, depth = 0): string | undefined {
  if (fact.type !== undefined || depth > 8) return fact.type;
  if (fact.ref !== undefined) {
    const target = facts.schemas[fact.ref];
    return target ? declaredType(target, facts, depth + 1) : undefined;
  }
  for (const part of fact.allOf ?? []) {
    const type = declaredType(part, facts, depth + 1);
    if (type !== undefined) return type;
  }
  return undefined;
}

/** Converts a parameter given as URL text to the declared type; anything else is left as is. */
function fromString(value: unknown, schema: SchemaFact, facts: DialectFacts): unknown {
  const type = declaredType(schema, facts);
  if (type === 'array') {
    const list = typeof value === 'string' ? value.split(',') : value;
    if (!Array.isArray(list)) return list;
    const itemSchema = schema.items ?? (schema.ref !== undefined ? facts.schemas[schema.ref]?.items : undefined);
    return itemSchema ? list.map((item) => fromString(item, itemSchema, facts)) : list;
  }
  if (Array.isArray(value)) return value; // repeated scalar parameter: fails as "must be <type>"
  if (typeof value !== 'string') return value;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/**
 * Ajv errors as lines. Noise of the translation is dropped: the `null` branch of a nullable
 * (`must be null`, `must match a schema in anyOf`) and the `if`/`then` wrapper of a
 * discriminator; the errors inside the chosen branch remain.
 */
function formatErrors(errors: readonly ErrorObject[], where: string): string[] {
  const lines = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'anyOf' || error.keyword === 'if') continue;
    if (error.keyword === 'type' && error.params['type'] === 'null') continue;
    let message = error.message ?? error.keyword;
    if (error.keyword === 'enum')
      message += ` (${(error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`;
    if (error.keyword === 'unevaluatedProperties') message += ` (${String(error.params['unevaluatedProperty'])})`;
    if (error.keyword === 'additionalProperties') message += ` (${String(error.params['additionalProperty'])})`;
    const path = where + error.instancePath.replace(/\//g, '.').replace(/~1/g, '/').replace(/~0/g, '~');
    lines.add(`${path === '' ? '(root)' : path.replace(/^\./, '')}: ${message}`);
  }
  return [...lines];
}
