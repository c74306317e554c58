/**
 * ajv, compiled once per schema, with its errors rewritten as sentences that
 * say where and what: `exercise.json: /rubric/2/points: must be <= 100`.
 */

import AjvModule from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";

type AjvCtor = typeof AjvModule.default;
const Ajv: AjvCtor = ((AjvModule as unknown as { default?: AjvCtor }).default ?? AjvModule) as AjvCtor;

const compiled = new Map<object, ValidateFunction>();

function describe(e: ErrorObject): string {
  const at = e.instancePath || "(top level)";
  if (e.keyword === "additionalProperties") return `${at}: unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === "enum") return `${at}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  if (e.keyword === "required") return `${at}: missing required property "${(e.params as { missingProperty: string }).missingProperty}"`;
  return `${at}: ${e.message ?? e.keyword}`;
}

/**
 * Validate `data` against `schema`. Returns a list of sentences, empty when
 * valid. At most `max` errors are listed.
 */
export function validateAgainst(schema: object, data: unknown, max = 8): string[] {
  let validate = compiled.get(schema);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(data)) return [];
  const errs = (validate.errors ?? []).map(describe);
  return [...new Set(errs)].slice(0, max);
}
