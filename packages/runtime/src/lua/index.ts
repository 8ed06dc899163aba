/**
 * Public surface of the Lua layer (the only place that imports fengari).
 *
 * Dialect loader: `stripTypes` turns Wippy Lua into plain Lua 5.3 with lines and columns kept;
 * `checkLuaSyntax` compiles a source without running it and reports the first error at its
 * original line; `CAST_PRELUDE` defines the callable casts `integer/number/string/boolean(x)` in a
 * sandbox environment.
 */
export { stripTypes, type StrippedSource } from "./dialect/strip-types";
export { checkLuaSyntax, type SyntaxCheck } from "./dialect/check-syntax";
export { CAST_PRELUDE, CAST_PRELUDE_CHUNK_NAME } from "./dialect/cast-prelude";
