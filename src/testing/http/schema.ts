import { knownErrors } from "./known-errors.js";

// A tiny validator that reports problems in the cloud's SCHEMA_ERROR format (golden README item 4):
// `Request validation failed on <METHOD> /api/v1/<path>:` then one `  - <problem>` line per problem.

export interface FieldRule {
  type: "string" | "boolean" | "number" | "any";
  /** Must be present (not `undefined`). */
  required?: boolean;
  /** `null` is allowed. */
  nullable?: boolean;
  /** Strings: `""` is refused with "must not be empty". */
  nonEmpty?: boolean;
  /** Strings: must parse as an absolute URL without spaces. */
  url?: boolean;
  /** Strings: must be valid base64. */
  base64?: boolean;
  /** Strings: must look like an email address. */
  email?: boolean;
  /** Strings: must have exactly this many characters (the cloud's 45-char codes). */
  length?: number;
  /** Strings: must be one of these values. */
  oneOf?: readonly string[];
}

export type ObjectSchema = Record<string, FieldRule>;

export type Where = "body" | "query" | "headers";

export function printValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Problems for one field, without the "Request validation failed" header. */
export function fieldProblems(path: string, value: unknown, rule: FieldRule): string[] {
  if (value === undefined) return rule.required ? [`${path} must be defined`] : [];
  if (value === null) return rule.nullable ? [] : [`${path} cannot be null`];
  if (rule.type !== "any" && typeof value !== rule.type) {
    return [`${path} must be a \`${rule.type}\` type, but the final value was: \`${printValue(value)}\`.`];
  }
  if (typeof value !== "string") return [];
  const problems: string[] = [];
  if (rule.nonEmpty && value === "") problems.push(`${path} must not be empty`);
  if (rule.url && value !== "") {
    if (/\s/.test(value)) problems.push(`${path} contains spaces`);
    if (!isAbsoluteUrl(value)) problems.push(`${path} is not a valid URL`);
  }
  if (rule.base64 && !isBase64(value)) problems.push(`${path} is not valid base64`);
  if (rule.email && value !== "" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    problems.push(`${path} must be a valid email`);
  }
  if (rule.length !== undefined && value.length !== rule.length) {
    problems.push(`${path} must be exactly ${rule.length} characters`);
  }
  if (rule.oneOf && !rule.oneOf.includes(value)) {
    problems.push(`${path} must be one of the following values: ${rule.oneOf.join(", ")}`);
  }
  return problems;
}

/** Problems for an object against a schema, including unknown properties. */
export function objectProblems(
  where: Where,
  value: unknown,
  schema: ObjectSchema,
  required: boolean,
): string[] {
  if (value === undefined || value === null) return required ? [`${where} must be defined`] : [];
  if (typeof value !== "object" || Array.isArray(value)) {
    return [`${where} must be a \`object\` type, but the final value was: \`${printValue(value)}\`.`];
  }
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, rule] of Object.entries(schema)) {
    problems.push(...fieldProblems(`${where}.${key}`, record[key], rule));
  }
  const unknown = Object.keys(record).filter((key) => !(key in schema));
  if (unknown.length > 0) problems.push(`${where} contains unknown properties: ${unknown.join(", ")}`);
  return problems;
}

/** Throws SCHEMA_ERROR when there are problems. `pathname` is the request path, e.g. `/api/v1/users/me`. */
export function assertNoProblems(method: string, pathname: string, problems: string[]): void {
  if (problems.length === 0) return;
  throw knownErrors.schemaError(
    `Request validation failed on ${method} ${pathname}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
  );
}

export function isAbsoluteUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

export function isBase64(value: string): boolean {
  return value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
}
