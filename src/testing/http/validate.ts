import type { RouteContext } from "../router.js";
import { assertNoProblems, fieldProblems, type ObjectSchema, objectProblems } from "./schema.js";

/** Validates the body against a schema (SCHEMA_ERROR otherwise) and returns it typed. */
export function validateBody<T>(
  ctx: RouteContext,
  schema: ObjectSchema,
  options: { required?: boolean } = {},
): T {
  const required = options.required ?? true;
  assertNoProblems(ctx.request.method, ctx.pathname, objectProblems("body", ctx.body, schema, required));
  return (ctx.body ?? {}) as T;
}

/** Validates query parameters (all strings) against a schema; unknown parameters are refused. */
export function validateQuery<T>(ctx: RouteContext, schema: ObjectSchema): T {
  const query = Object.fromEntries(ctx.url.searchParams);
  assertNoProblems(ctx.request.method, ctx.pathname, objectProblems("query", query, schema, false));
  return query as T;
}

/** A header the route's schema demands, e.g. `x-stack-refresh-token` on the refresh endpoint. */
export function requireHeader(ctx: RouteContext, name: string): string {
  const value = ctx.request.headers.get(name) ?? undefined;
  assertNoProblems(
    ctx.request.method,
    ctx.pathname,
    fieldProblems(`headers.${name}`, value, { type: "string", required: true }),
  );
  return value as string;
}
