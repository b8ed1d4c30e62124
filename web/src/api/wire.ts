// Helpers that derive the client's wire types from the server's OpenAPI document (src/api/schema.d.ts, generated from
// web/openapi.json by `npm run gen:api`), so a server change that breaks the client fails the typecheck.
import type { components } from "./schema";

export type Schemas = components["schemas"];

// A JSON object or node the server declares without a shape: any narrowing is allowed.
type Open<T> = [NonNullable<T>] extends [Record<string, never>] ? unknown : T;

/**
 * A server DTO with some fields narrowed to what the client knows of them (string unions for enums, the shape of a JSON
 * document the server passes through). Each narrowed field must exist on the DTO and fit its wire type.
 */
export type Narrow<T, N extends { [K in keyof N]: K extends keyof T ? Open<T[K]> : never }> = Omit<T, keyof N> & N;

/** A request body: the server reads every field as optional (null or absent); `R` names the ones it requires. */
export type Body<T, R extends keyof T = never> =
  { [K in Exclude<keyof T, R>]?: NonNullable<T[K]> } & { [K in R]-?: NonNullable<T[K]> };
