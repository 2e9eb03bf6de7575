/**
 * Turns schema facts (OpenAPI 3.0 flavoured) into JSON Schema draft 2019-09 that any
 * validator supporting that draft (e.g. Ajv's `Ajv2019`) can compile. No dependencies.
 *
 * The translation, rule by rule:
 * - `{ ref: 'X' }` → `{ $ref: '<id>#/$defs/X' }`.
 * - `nullable: true` → `anyOf: [{ type: 'null' }, <the rest>]`, also beside `allOf`/`$ref`
 *   (OpenAPI 3.0.3 gives `nullable` no effect without `type`; both documents use it that way
 *   on references, meaning "may be null").
 * - No `type` but `properties`/`required`/`additionalProperties` → `type: 'object'`; no
 *   `type` but `items` → `type: 'array'` (OpenAPI documents leave `type: object` out; JSON
 *   Schema would then accept any non-object).
 * - Boolean `exclusiveMinimum`/`exclusiveMaximum` → the numeric 2019-09 form.
 * - `format`, `readOnly`, `writeOnly`, `default` are kept (annotations; formats need
 *   registering: int32, int64, double, float, string).
 * - Discriminators: every component X has two definitions. `X.shape` is X as written (its
 *   allOf parts point at the bases' shapes). `X` is what a value of X must satisfy: the shape,
 *   plus, for a discriminated base, "the tag is one of the mapping's values, and the variant it
 *   names holds" (if/then per tag), plus, for a variant, "the tag is one that maps to it".
 *   A variant's `allOf: [Base]` thus never re-enters the dispatch (no infinite recursion).
 * - `nullableRequired: 'optional'` leaves out of `required` the fields whose own schema is
 *   nullable (`NewMessageBody.text/attachments/link`): servers accept them omitted, while the
 *   documents list them as required-but-nullable (present, possibly null).
 * - `strict: true` adds `unevaluatedProperties: false` to every component's value definition:
 *   fields the schema does not declare are rejected, seen through allOf and the chosen variant.
 *
 * @example
 * import { factsToJsonSchema, schemaFacts } from '../schema-facts';
 * const doc = factsToJsonSchema(schemaFacts('tamtam'));
 * ajv.addSchema(doc.root);
 * const validateUser = ajv.compile(doc.ref('User'));
 */
import type { DialectFacts, SchemaFact } from './types';

/** Options of {@link factsToJsonSchema}. */
export interface JsonSchemaOptions {
  /**
   * Reject object fields the schema does not declare (`unevaluatedProperties: false`).
   * Default `false`: the documents never forbid extra fields, and servers add new ones.
   */
  readonly strict?: boolean;
  /**
   * What a required field whose schema is nullable means: `'present'` (default, as the
   * documents say: the key must be there, null allowed) or `'optional'` (may be left out, as
   * servers accept in requests).
   */
  readonly nullableRequired?: 'present' | 'optional';
  /** The root document's `$id`. Default `tamtam-rx:schema:<dialect>[:strict][:optional-nullable]`. */
  readonly id?: string;
}

/** A JSON Schema object (draft 2019-09), as plain data. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** The translated document and helpers to point into it. */
export interface JsonSchemaDocument {
  /** `$id` of {@link root}. */
  readonly id: string;
  /** `{ $schema, $id, $defs }` with one `X` and one `X.shape` entry per component. */
  readonly root: JsonSchema;
  /** `{ $ref }` to a component's value definition (throws for an unknown name). */
  ref(component: string): JsonSchema;
  /** Translates a free-standing fact (a parameter's or body's schema) against {@link root}. */
  schemaOf(fact: SchemaFact): JsonSchema;
}

const DRAFT = 'https://json-schema.org/draft/2019-09/schema';

/**
 * Translates the facts of one dialect into one JSON Schema document.
 *
 * @example
 * const { root, ref } = factsToJsonSchema(schemaFacts('max'), { strict: true });
 */
export function factsToJsonSchema(facts: DialectFacts, options: JsonSchemaOptions = {}): JsonSchemaDocument {
  const strict = options.strict ?? false;
  const optionalNullable = options.nullableRequired === 'optional';
  const id =
    options.id ??
    `tamtam-rx:schema:${facts.dialect}${strict ? ':strict' : ''}${optionalNullable ? ':optional-nullable' : ''}`;
  const schemas = facts.schemas;
  const has = (name: string): boolean => Object.hasOwn(schemas, name);
  const pointer = (name: string): string => `${id}#/$defs/${encodeURIComponent(name)}`;

  /** For each variant: the discriminator property and the tags that map to it, per base. */
  const tagsOf = new Map<string, Map<string, string[]>>();
  for (const fact of Object.values(schemas)) {
    const d = fact.discriminator;
    if (!d) continue;
    for (const [tag, target] of Object.entries(d.mapping)) {
      const byProperty = tagsOf.get(target) ?? new Map<string, string[]>();
      tagsOf.set(target, byProperty);
      byProperty.set(d.propertyName, [...(byProperty.get(d.propertyName) ?? []), tag]);
    }
  }

  /**
   * `shapeRefs`: a `ref` here (and in allOf parts) points at the target's shape — used for a
   * component's own top level, where allOf means "extends".
   */
  function translate(fact: SchemaFact, shapeRefs: boolean): JsonSchema {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fact)) {
      switch (key) {
        case 'ref': {
          const name = value as string;
          if (!has(name)) throw new TypeError(`factsToJsonSchema: reference to unknown component ${name}`);
          out['$ref'] = pointer(shapeRefs ? `${name}.shape` : name);
          break;
        }
        case 'nullable':
        case 'discriminator':
          break;
        case 'properties':
          out['properties'] = Object.fromEntries(
            Object.entries(value as Record<string, SchemaFact>).map(([n, p]) => [n, translate(p, false)]),
          );
          break;
        case 'additionalProperties':
          out[key] = typeof value === 'boolean' ? value : translate(value as SchemaFact, false);
          break;
        case 'items':
        case 'not':
          out[key] = translate(value as SchemaFact, false);
          break;
        case 'allOf':
          out[key] = (value as SchemaFact[]).map((part) => translate(part, shapeRefs));
          break;
        case 'oneOf':
        case 'anyOf':
          out[key] = (value as SchemaFact[]).map((part) => translate(part, false));
          break;
        case 'exclusiveMinimum':
        case 'exclusiveMaximum':
          break; // below, together with minimum/maximum
        default:
          out[key] = value;
      }
    }
    if (fact.exclusiveMinimum && fact.minimum !== undefined) {
      out['exclusiveMinimum'] = fact.minimum;
      delete out['minimum'];
    }
    if (fact.exclusiveMaximum && fact.maximum !== undefined) {
      out['exclusiveMaximum'] = fact.maximum;
      delete out['maximum'];
    }
    if (fact.type === undefined) {
      if (fact.properties !== undefined || fact.required !== undefined || fact.additionalProperties !== undefined) {
        out['type'] = 'object';
      } else if (fact.items !== undefined) {
        out['type'] = 'array';
      }
    }
    if (optionalNullable && fact.required !== undefined) {
      const required = fact.required.filter((name) => fact.properties?.[name]?.nullable !== true);
      if (required.length > 0) out['required'] = required;
      else delete out['required'];
    }
    if (fact.nullable) return { anyOf: [{ type: 'null' }, out] };
    return out;
  }

  const defs: Record<string, JsonSchema> = {};
  for (const [name, fact] of Object.entries(schemas)) {
    defs[`${name}.shape`] = translate(fact, true);
    const parts: JsonSchema[] = [{ $ref: pointer(`${name}.shape`) }];
    const d = fact.discriminator;
    if (d) {
      const tags = Object.keys(d.mapping);
      parts.push({ type: 'object', required: [d.propertyName], properties: { [d.propertyName]: { enum: tags } } });
      for (const [tag, target] of Object.entries(d.mapping)) {
        parts.push({
          if: { type: 'object', required: [d.propertyName], properties: { [d.propertyName]: { const: tag } } },
          // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword, not a thenable
          then: { $ref: pointer(`${target}.shape`) },
        });
      }
    }
    for (const [property, tags] of tagsOf.get(name) ?? []) {
      parts.push({ type: 'object', required: [property], properties: { [property]: { enum: tags } } });
    }
    const value: Record<string, unknown> = parts.length === 1 ? { ...parts[0] } : { allOf: parts };
    if (strict) value['unevaluatedProperties'] = false;
    defs[name] = value;
  }

  const root: JsonSchema = { $schema: DRAFT, $id: id, $defs: defs };
  return {
    id,
    root,
    ref(component) {
      if (!has(component)) {
        throw new TypeError(
          `factsToJsonSchema: no component ${JSON.stringify(component)} in the ${facts.dialect} facts`,
        );
      }
      return { $ref: pointer(component) };
    },
    schemaOf: (fact) => translate(fact, false),
  };
}
