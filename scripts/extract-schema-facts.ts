/**
 * Extracts the structural facts of the official OpenAPI documents into committed JSON files
 * (`src/schema-facts/tamtam.json`, `src/schema-facts/max.json`), so that tests and tools can
 * check payloads against the schemas without the documents present.
 *
 * Kept: component schema names; types, formats, enums, nullability, required lists, bounds,
 * patterns, array items, maps, allOf/oneOf/anyOf, discriminators; operations with their
 * method, path, parameters, request body and responses. Dropped: every description, summary,
 * title, example and `x-*` extension. Keys are sorted, so a re-run over the same documents
 * writes the same bytes.
 *
 * Where a document is not valid or not self-consistent OpenAPI, the facts are normalized to
 * what it evidently means and the normalization is listed in the file's `quirks`.
 *
 * Run by hand when a document changes:
 *
 * @example
 * npm run schema:facts                          # reads ../shared (next to the repository)
 * npm run schema:facts -- --shared /work/shared # or a folder given explicitly
 * npm run schema:facts -- --check               # exit 1 if the committed files are stale
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type {
  BodyFact,
  SchemaDialect,
  DialectFacts,
  OperationFact,
  ParameterFact,
  ResponseFact,
  SchemaFact,
  SchemaType,
} from '../src/schema-facts/types';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Which document each dialect comes from, relative to the shared folder. */
export const SOURCES: Readonly<Record<SchemaDialect, string>> = {
  tamtam: 'tamtam-bot-api/schema.yaml',
  max: 'max-bot-api/schema-2026-07-01.yaml',
};

/** Where the facts are written, relative to the repository root. */
export const OUTPUTS: Readonly<Record<SchemaDialect, string>> = {
  tamtam: 'src/schema-facts/tamtam.json',
  max: 'src/schema-facts/max.json',
};

type Raw = Record<string, unknown>;

const SCHEMA_PREFIX = '#/components/schemas/';
const RESPONSE_PREFIX = '#/components/responses/';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const TYPES: readonly SchemaType[] = ['string', 'integer', 'number', 'boolean', 'object', 'array'];

/** Keys that carry prose or vendor extensions: dropped without a word. */
const PROSE = new Set(['description', 'summary', 'title', 'example', 'examples', 'externalDocs']);

const NUMERIC = [
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'minimum',
  'maximum',
  'multipleOf',
] as const;

/** Keywords that constrain only one JSON type; on a schema of another type they do nothing. */
const APPLIES_TO: Readonly<Record<string, SchemaType>> = {
  minLength: 'string',
  maxLength: 'string',
  pattern: 'string',
  minItems: 'array',
  maxItems: 'array',
  uniqueItems: 'array',
  items: 'array',
  properties: 'object',
  required: 'object',
  additionalProperties: 'object',
  minProperties: 'object',
  maxProperties: 'object',
};
const NUMERIC_TYPES = new Set<SchemaType>(['integer', 'number']);
const NUMBER_KEYWORDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']);

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

class ExtractError extends Error {
  override name = 'ExtractError';
}

/** Quirks grouped by what is wrong, each with the places it occurs. */
class Quirks {
  private readonly byKind = new Map<string, Set<string>>();

  add(kind: string, where: string): void {
    const places = this.byKind.get(kind) ?? new Set<string>();
    places.add(where);
    this.byKind.set(kind, places);
  }

  list(): string[] {
    return [...this.byKind].map(([kind, places]) => `${kind}: ${[...places].sort().join(', ')}`).sort();
  }
}

/** Recursively sorts object keys (arrays keep their order) for byte-stable output. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  const out: Raw = {};
  for (const key of Object.keys(value).sort()) {
    if (value[key] !== undefined) out[key] = sortKeys(value[key]);
  }
  return out;
}

function componentName(pointer: unknown, where: string): string {
  if (typeof pointer !== 'string' || !pointer.startsWith(SCHEMA_PREFIX)) {
    throw new ExtractError(`${where}: unsupported reference ${JSON.stringify(pointer)}`);
  }
  return pointer.slice(SCHEMA_PREFIX.length);
}

/** Converts one OpenAPI Schema Object into a {@link SchemaFact}. */
function schemaFact(raw: unknown, where: string, quirks: Quirks): SchemaFact {
  if (!isRecord(raw)) throw new ExtractError(`${where}: a schema must be an object`);
  let source = raw;
  // A property written as a Parameter Object (name/in/required/schema/style): its `schema` is
  // what the property holds.
  if (isRecord(source['schema']) && !('type' in source) && !('$ref' in source)) {
    quirks.add('property written as a parameter (name/required/schema/style); its schema is used', where);
    source = source['schema'];
  }

  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'summary') {
      quirks.add('`summary` is not a Schema Object keyword; dropped', `${where}.summary`);
      continue;
    }
    if (PROSE.has(key) || key.startsWith('x-')) continue;
    const at = `${where}.${key}`;
    switch (key) {
      case '$ref':
        out['ref'] = componentName(value, at);
        break;
      case 'type':
        if (typeof value !== 'string' || !TYPES.includes(value as SchemaType)) {
          throw new ExtractError(`${at}: unsupported type ${JSON.stringify(value)}`);
        }
        out['type'] = value;
        break;
      case 'format':
      case 'pattern':
        if (typeof value !== 'string') throw new ExtractError(`${at}: must be a string`);
        out[key] = value;
        break;
      case 'nullable':
      case 'readOnly':
      case 'writeOnly':
      case 'uniqueItems':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        if (typeof value !== 'boolean') throw new ExtractError(`${at}: must be a boolean`);
        if (value) out[key] = true;
        break;
      case 'default':
        out['default'] = value;
        break;
      case 'enum':
        if (!Array.isArray(value) || value.some((v) => isRecord(v) || Array.isArray(v))) {
          throw new ExtractError(`${at}: must be a list of scalars`);
        }
        out['enum'] = value;
        break;
      case 'required':
        if (value === true || value === false) {
          quirks.add('`required: <boolean>` inside a schema (parameter syntax); ignored', where);
          break;
        }
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
          throw new ExtractError(`${at}: must be a list of names`);
        }
        out['required'] = value;
        break;
      case 'properties': {
        if (!isRecord(value)) throw new ExtractError(`${at}: must be an object`);
        const props: Record<string, SchemaFact> = {};
        for (const [name, prop] of Object.entries(value)) props[name] = schemaFact(prop, `${at}.${name}`, quirks);
        out['properties'] = props;
        break;
      }
      case 'additionalProperties':
        out[key] = typeof value === 'boolean' ? value : schemaFact(value, at, quirks);
        break;
      case 'items':
      case 'not':
        out[key] = schemaFact(value, at, quirks);
        break;
      case 'allOf':
      case 'oneOf':
      case 'anyOf':
        if (!Array.isArray(value)) throw new ExtractError(`${at}: must be a list`);
        out[key] = value.map((part, i) => schemaFact(part, `${at}[${i}]`, quirks));
        break;
      case 'discriminator': {
        if (!isRecord(value) || typeof value['propertyName'] !== 'string') {
          throw new ExtractError(`${at}: needs a propertyName`);
        }
        const mapping: Record<string, string> = {};
        if (value['mapping'] !== undefined) {
          if (!isRecord(value['mapping'])) throw new ExtractError(`${at}.mapping: must be an object`);
          for (const [tag, target] of Object.entries(value['mapping'])) {
            let pointer = target;
            if (isRecord(target) && Object.keys(target).length === 1 && typeof target['$ref'] === 'string') {
              quirks.add(
                'discriminator mapping value written as a `$ref` object (must be a string); read as its pointer',
                `${at}.mapping`,
              );
              pointer = target['$ref'];
            }
            mapping[tag] = componentName(pointer, `${at}.mapping.${tag}`);
          }
        }
        out['discriminator'] = { propertyName: value['propertyName'], mapping };
        break;
      }
      default:
        if ((NUMERIC as readonly string[]).includes(key)) {
          if (typeof value === 'number') out[key] = value;
          else if (typeof value === 'string' && /^\d+$/.test(value)) {
            quirks.add(`\`${key}\` given as a string; read as a number`, at);
            out[key] = Number(value);
          } else throw new ExtractError(`${at}: must be a number`);
          break;
        }
        quirks.add(`\`${key}\` is not a Schema Object keyword; dropped`, at);
    }
  }

  // A default written as text for a number or boolean schema: read it as what it stands for.
  const declared = out['type'];
  const fallback = out['default'];
  if (typeof fallback === 'string') {
    if ((declared === 'integer' || declared === 'number') && /^-?\d+(\.\d+)?$/.test(fallback)) {
      quirks.add(`\`default\` given as a string for type ${declared}; read as a number`, `${where}.default`);
      out['default'] = Number(fallback);
    } else if (declared === 'boolean' && (fallback === 'true' || fallback === 'false')) {
      quirks.add('`default` given as a string for a boolean; read as a boolean', `${where}.default`);
      out['default'] = fallback === 'true';
    }
  }

  // Keywords of another JSON type than the declared one constrain nothing: drop them.
  const type = out['type'] as SchemaType | undefined;
  if (type !== undefined) {
    for (const key of Object.keys(out)) {
      const family = NUMBER_KEYWORDS.has(key) ? 'number' : key === 'format' ? 'scalar' : APPLIES_TO[key];
      if (family === undefined) continue;
      const applies =
        family === 'number'
          ? NUMERIC_TYPES.has(type)
          : family === 'scalar'
            ? type !== 'array' && type !== 'object'
            : family === type;
      if (!applies) {
        quirks.add(`\`${key}\` on a schema of type ${type} has no effect; dropped`, `${where}.${key}`);
        delete out[key];
      }
    }
  }
  return out as SchemaFact;
}

/** Every property name a component schema declares, through allOf and references. */
function declaredProperties(
  fact: SchemaFact,
  schemas: Readonly<Record<string, SchemaFact>>,
  seen = new Set<string>(),
): Set<string> {
  const names = new Set<string>(Object.keys(fact.properties ?? {}));
  if (fact.ref !== undefined && !seen.has(fact.ref)) {
    seen.add(fact.ref);
    const target = schemas[fact.ref];
    if (target) for (const n of declaredProperties(target, schemas, seen)) names.add(n);
  }
  for (const part of fact.allOf ?? []) for (const n of declaredProperties(part, schemas, seen)) names.add(n);
  return names;
}

/**
 * Drops `required` names no property declares (a validator would reject every payload for
 * them). A name counts as declared when the schema, its allOf parts or the schemas they
 * reference declare it, or when an enclosing allOf composition does.
 */
function dropUndeclaredRequired(
  fact: SchemaFact,
  where: string,
  schemas: Readonly<Record<string, SchemaFact>>,
  quirks: Quirks,
  inherited?: ReadonlySet<string>,
): SchemaFact {
  const declared = new Set([...(inherited ?? []), ...declaredProperties(fact, schemas)]);
  const next: Record<string, unknown> = { ...fact };
  if (fact.required) {
    const kept = fact.required.filter((field) => {
      if (declared.has(field)) return true;
      quirks.add('required field not declared by any property; dropped', `${where}.required.${field}`);
      return false;
    });
    if (kept.length > 0) next['required'] = kept;
    else delete next['required'];
  }
  if (fact.allOf) {
    next['allOf'] = fact.allOf.map((part, i) =>
      dropUndeclaredRequired(part, `${where}.allOf[${i}]`, schemas, quirks, declared),
    );
  }
  if (fact.properties) {
    next['properties'] = Object.fromEntries(
      Object.entries(fact.properties).map(([n, p]) => [
        n,
        dropUndeclaredRequired(p, `${where}.properties.${n}`, schemas, quirks),
      ]),
    );
  }
  if (fact.items) next['items'] = dropUndeclaredRequired(fact.items, `${where}.items`, schemas, quirks);
  return next as SchemaFact;
}

/** The JSON type a schema stands for: declared, implied by its keywords, or its target's. */
function impliedType(
  fact: SchemaFact,
  schemas: Readonly<Record<string, SchemaFact>>,
  depth = 0,
): SchemaType | undefined {
  if (fact.type !== undefined) return fact.type;
  if (fact.properties !== undefined || fact.additionalProperties !== undefined || fact.discriminator !== undefined) {
    return 'object';
  }
  if (fact.items !== undefined) return 'array';
  if (depth > 16) return undefined;
  if (fact.ref !== undefined) {
    const target = schemas[fact.ref];
    return target ? impliedType(target, schemas, depth + 1) : undefined;
  }
  for (const part of fact.allOf ?? []) {
    const type = impliedType(part, schemas, depth + 1);
    if (type !== undefined) return type;
  }
  return undefined;
}

/**
 * Drops a `type` that contradicts the schema its allOf parts stand for (`type: string` beside
 * `allOf: [<an object schema>]` can only ever be satisfied by null): the reference wins.
 */
function dropContradictoryTypes(
  fact: SchemaFact,
  where: string,
  schemas: Readonly<Record<string, SchemaFact>>,
  quirks: Quirks,
): SchemaFact {
  const next: Record<string, unknown> = { ...fact };
  if (fact.type !== undefined && fact.allOf) {
    const parts = fact.allOf.map((part) => impliedType(part, schemas)).filter((t) => t !== undefined);
    const conflicting = parts.find((t) => t !== fact.type && !(t === 'integer' && fact.type === 'number'));
    if (conflicting !== undefined) {
      quirks.add(
        `\`type\` contradicts the type of its allOf reference; the reference's type (${conflicting}) is kept`,
        `${where}.type`,
      );
      delete next['type'];
    }
  }
  const visit = (child: SchemaFact, at: string) => dropContradictoryTypes(child, at, schemas, quirks);
  if (fact.properties) {
    next['properties'] = Object.fromEntries(
      Object.entries(fact.properties).map(([n, p]) => [n, visit(p, `${where}.properties.${n}`)]),
    );
  }
  if (fact.items) next['items'] = visit(fact.items, `${where}.items`);
  if (typeof fact.additionalProperties === 'object') {
    next['additionalProperties'] = visit(fact.additionalProperties, `${where}.additionalProperties`);
  }
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    if (fact[key]) next[key] = fact[key].map((part, i) => visit(part, `${where}.${key}[${i}]`));
  }
  return next as SchemaFact;
}

/** Every `ref` and discriminator target inside a fact, with where it was found. */
function* references(fact: SchemaFact, where: string): Generator<[string, string]> {
  if (fact.ref !== undefined) yield [fact.ref, where];
  for (const [tag, target] of Object.entries(fact.discriminator?.mapping ?? {})) {
    yield [target, `${where}.discriminator.mapping.${tag}`];
  }
  for (const [name, prop] of Object.entries(fact.properties ?? {})) yield* references(prop, `${where}.${name}`);
  if (typeof fact.additionalProperties === 'object') {
    yield* references(fact.additionalProperties, `${where}.additionalProperties`);
  }
  if (fact.items) yield* references(fact.items, `${where}.items`);
  if (fact.not) yield* references(fact.not, `${where}.not`);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    for (const [i, part] of (fact[key] ?? []).entries()) yield* references(part, `${where}.${key}[${i}]`);
  }
}

function jsonBody(raw: unknown, where: string, quirks: Quirks): BodyFact | undefined {
  if (!isRecord(raw)) return undefined;
  const content = raw['content'];
  if (content === undefined) return undefined;
  if (!isRecord(content)) throw new ExtractError(`${where}.content: must be an object`);
  const [mediaType, ...others] = Object.keys(content);
  if (mediaType === undefined || others.length > 0) {
    throw new ExtractError(`${where}.content: expected one media type, got ${Object.keys(content).join(', ')}`);
  }
  const media = content[mediaType];
  if (!isRecord(media) || media['schema'] === undefined) return undefined;
  return { mediaType, schema: schemaFact(media['schema'], `${where}.content`, quirks) };
}

function operationFacts(doc: Raw, quirks: Quirks): Record<string, OperationFact> {
  const components = isRecord(doc['components']) ? doc['components'] : {};
  const sharedResponses = isRecord(components['responses']) ? components['responses'] : {};
  const paths = doc['paths'];
  if (!isRecord(paths)) throw new ExtractError('paths: missing');

  const operations: Record<string, OperationFact> = {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) throw new ExtractError(`paths.${path}: must be an object`);
    for (const key of Object.keys(item)) {
      if (!(METHODS as readonly string[]).includes(key) && !PROSE.has(key) && !key.startsWith('x-')) {
        throw new ExtractError(`paths.${path}.${key}: unsupported path item key`);
      }
    }
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const id = op['operationId'];
      if (typeof id !== 'string') throw new ExtractError(`${method.toUpperCase()} ${path}: no operationId`);
      if (Object.hasOwn(operations, id)) throw new ExtractError(`operationId ${id} is used twice`);

      const parameters = {
        path: {} as Record<string, ParameterFact>,
        query: {} as Record<string, ParameterFact>,
        header: {} as Record<string, ParameterFact>,
      };
      for (const [i, param] of ((op['parameters'] as unknown[] | undefined) ?? []).entries()) {
        const at = `${id}.parameters[${i}]`;
        if (!isRecord(param) || typeof param['name'] !== 'string') throw new ExtractError(`${at}: needs a name`);
        const location = param['in'];
        if (location !== 'path' && location !== 'query' && location !== 'header') {
          throw new ExtractError(`${at}: unsupported location ${JSON.stringify(location)}`);
        }
        const fact: Record<string, unknown> = {
          required: param['required'] === true,
          schema: schemaFact(param['schema'], `${id}.${location}.${param['name']}`, quirks),
        };
        if (typeof param['style'] === 'string') fact['style'] = param['style'];
        if (typeof param['explode'] === 'boolean') fact['explode'] = param['explode'];
        if (location === 'path' && param['required'] !== true) {
          quirks.add(
            'path parameter not marked required (OpenAPI requires it); required',
            `${id}.path.${param['name']}`,
          );
          fact['required'] = true;
        }
        parameters[location][param['name']] = fact as unknown as ParameterFact;
      }
      for (const [, name = ''] of path.matchAll(/\{([^}]+)\}/g)) {
        if (!Object.hasOwn(parameters.path, name)) {
          throw new ExtractError(`${id}: path parameter {${name}} is not declared`);
        }
      }

      let requestBody: OperationFact['requestBody'];
      if (op['requestBody'] !== undefined) {
        const body = jsonBody(op['requestBody'], `${id}.requestBody`, quirks);
        if (!body) throw new ExtractError(`${id}.requestBody: no schema`);
        requestBody = { ...body, required: (op['requestBody'] as Raw)['required'] === true };
      }

      const responses: Record<string, ResponseFact> = {};
      const rawResponses = op['responses'];
      if (rawResponses === undefined) quirks.add('operation documents no responses', id);
      else if (!isRecord(rawResponses)) throw new ExtractError(`${id}.responses: must be an object`);
      for (const [status, response] of Object.entries(rawResponses ?? {})) {
        if (!/^[1-5]\d\d$/.test(status)) throw new ExtractError(`${id}.responses.${status}: unsupported status`);
        let target = response;
        let component: string | undefined;
        if (isRecord(response) && typeof response['$ref'] === 'string') {
          const pointer = response['$ref'];
          if (!pointer.startsWith(RESPONSE_PREFIX)) throw new ExtractError(`${id}.responses.${status}: bad reference`);
          component = pointer.slice(RESPONSE_PREFIX.length);
          target = sharedResponses[component];
          if (!isRecord(target)) throw new ExtractError(`${id}.responses.${status}: ${pointer} is not defined`);
        }
        const body = jsonBody(target, `${id}.responses.${status}`, quirks);
        responses[status] = { ...(body ? { body } : {}), ...(component ? { component } : {}) };
      }
      const statuses = Object.keys(responses)
        .map(Number)
        .sort((a, b) => a - b);

      operations[id] = {
        method: method.toUpperCase() as OperationFact['method'],
        path,
        parameters,
        ...(requestBody ? { requestBody } : {}),
        responses,
        success: statuses.filter((s) => s >= 200 && s < 300),
        errors: statuses.filter((s) => s >= 400),
      };
    }
  }
  return operations;
}

/** Extracts the facts of one document (already read as text). */
export function extractFacts(dialect: SchemaDialect, text: string): DialectFacts {
  const doc: unknown = parse(text, { uniqueKeys: true });
  if (!isRecord(doc)) throw new ExtractError('the document is not a YAML mapping');
  const quirks = new Quirks();

  const components = isRecord(doc['components']) ? doc['components'] : {};
  const rawSchemas = components['schemas'];
  if (!isRecord(rawSchemas)) throw new ExtractError('components.schemas: missing');
  const schemas: Record<string, SchemaFact> = {};
  for (const [name, raw] of Object.entries(rawSchemas)) schemas[name] = schemaFact(raw, name, quirks);
  for (const [name, fact] of Object.entries(schemas))
    schemas[name] = dropUndeclaredRequired(fact, name, schemas, quirks);
  for (const [name, fact] of Object.entries(schemas))
    schemas[name] = dropContradictoryTypes(fact, name, schemas, quirks);

  const operations = operationFacts(doc, quirks);
  for (const [id, op] of Object.entries(operations)) {
    const fix = (fact: SchemaFact, where: string) => dropContradictoryTypes(fact, where, schemas, quirks);
    const params = (location: 'path' | 'query' | 'header') =>
      Object.fromEntries(
        Object.entries(op.parameters[location]).map(([n, p]) => [
          n,
          { ...p, schema: fix(p.schema, `${id}.${location}.${n}`) },
        ]),
      );
    operations[id] = {
      ...op,
      parameters: { path: params('path'), query: params('query'), header: params('header') },
      ...(op.requestBody
        ? { requestBody: { ...op.requestBody, schema: fix(op.requestBody.schema, `${id}.requestBody`) } }
        : {}),
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([st, r]) => [
          st,
          r.body ? { ...r, body: { ...r.body, schema: fix(r.body.schema, `${id}.responses.${st}`) } } : r,
        ]),
      ),
    };
  }

  const facts = {
    dialect,
    source: {
      file: SOURCES[dialect],
      sha256: createHash('sha256').update(text).digest('hex'),
      openapi: String(doc['openapi']),
      version: String((doc['info'] as Raw | undefined)?.['version']),
    },
    servers: ((doc['servers'] as Raw[] | undefined) ?? []).map((s) => String(s['url'])),
    security: Object.fromEntries(
      Object.entries(isRecord(components['securitySchemes']) ? components['securitySchemes'] : {}).map(
        ([name, scheme]) => {
          const s = scheme as Raw;
          return [
            name,
            { type: String(s['type']), in: s['in'] as string | undefined, name: s['name'] as string | undefined },
          ];
        },
      ),
    ),
    schemas,
    operations,
    quirks: [] as string[],
  };

  // Every reference must name a component: a dangling one is a document error to fix here.
  const all: [SchemaFact, string][] = [
    ...Object.entries(schemas).map(([n, s]): [SchemaFact, string] => [s, n]),
    ...Object.entries(operations).flatMap(([id, op]): [SchemaFact, string][] => [
      ...Object.entries({ ...op.parameters.path, ...op.parameters.query, ...op.parameters.header }).map(
        ([p, f]): [SchemaFact, string] => [f.schema, `${id}.${p}`],
      ),
      ...(op.requestBody ? [[op.requestBody.schema, `${id}.requestBody`] as [SchemaFact, string]] : []),
      ...Object.entries(op.responses).flatMap(([st, r]): [SchemaFact, string][] =>
        r.body ? [[r.body.schema, `${id}.responses.${st}`]] : [],
      ),
    ]),
  ];
  for (const [fact, where] of all) {
    for (const [target, at] of references(fact, where)) {
      if (!Object.hasOwn(schemas, target)) throw new ExtractError(`${at}: references undefined component ${target}`);
    }
  }

  // A component that extends a discriminated base but is missing from its mapping cannot be
  // reached through the base (its tag is unknown): worth knowing, nothing to normalize.
  for (const [base, fact] of Object.entries(schemas)) {
    if (!fact.discriminator) continue;
    const mapped = new Set(Object.values(fact.discriminator.mapping));
    for (const [name, other] of Object.entries(schemas)) {
      if (!mapped.has(name) && (other.allOf ?? []).some((part) => part.ref === base)) {
        quirks.add(
          `extends ${base} but is missing from its discriminator mapping (rejected where ${base} is expected)`,
          name,
        );
      }
    }
    for (const [tag, target] of Object.entries(fact.discriminator.mapping)) {
      if (!(schemas[target]?.allOf ?? []).some((part) => part.ref === base)) {
        quirks.add(`discriminator target does not extend its base ${base}`, `${base}.discriminator.mapping.${tag}`);
      }
    }
  }

  facts.quirks = quirks.list();
  return sortKeys(facts) as DialectFacts;
}

/**
 * The facts file's text: sorted keys, laid out by the project's formatter (Biome, so that
 * `npm run lint` accepts the committed file as written).
 */
export function renderFacts(facts: DialectFacts, fileName = 'facts.json'): string {
  const json = `${JSON.stringify(sortKeys(facts), null, 2)}\n`;
  const biome = join(repoRoot, 'node_modules', '.bin', process.platform === 'win32' ? 'biome.cmd' : 'biome');
  if (!existsSync(biome)) throw new ExtractError(`the formatter is missing (${biome}): run npm install`);
  return execFileSync(biome, ['format', `--stdin-file-path=${fileName}`], {
    input: json,
    encoding: 'utf8',
    cwd: repoRoot,
  });
}

function main(argv: readonly string[]): number {
  let shared = resolve(repoRoot, '..', 'shared');
  let check = false;
  const args = [...argv];
  for (let arg = args.shift(); arg !== undefined; arg = args.shift()) {
    const value = arg === '--shared' ? args.shift() : undefined;
    if (arg === '--check') check = true;
    else if (value !== undefined) shared = resolve(value);
    else {
      console.error(`extract-schema-facts: unknown argument ${arg} (use --shared <dir> and/or --check)`);
      return 2;
    }
  }
  const missing = (Object.keys(SOURCES) as SchemaDialect[])
    .map((d) => join(shared, SOURCES[d]))
    .filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.error(
      `extract-schema-facts: schema not found: ${missing.join(', ')} (pass --shared <dir> with tamtam-bot-api/ and max-bot-api/)`,
    );
    return 1;
  }

  let stale = 0;
  for (const dialect of Object.keys(SOURCES) as SchemaDialect[]) {
    const text = readFileSync(join(shared, SOURCES[dialect]), 'utf8');
    let rendered: string;
    try {
      rendered = renderFacts(extractFacts(dialect, text), OUTPUTS[dialect]);
    } catch (error) {
      console.error(`extract-schema-facts: ${SOURCES[dialect]}: ${(error as Error).message}`);
      return 1;
    }
    const out = join(repoRoot, OUTPUTS[dialect]);
    const current = existsSync(out) ? readFileSync(out, 'utf8') : undefined;
    if (check) {
      if (current !== rendered) {
        console.error(`extract-schema-facts: ${OUTPUTS[dialect]} is stale (run npm run schema:facts)`);
        stale++;
      }
      continue;
    }
    if (current !== rendered) writeFileSync(out, rendered);
    console.log(`${OUTPUTS[dialect]}: ${current === rendered ? 'unchanged' : 'written'} (${rendered.length} bytes)`);
  }
  return stale > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
