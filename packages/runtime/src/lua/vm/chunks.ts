/**
 * Compiled entries — a registry entry's Lua source, compiled once per VM and reused by every
 * process that runs it.
 *
 * Terms:
 * - Chunk: the source with its type syntax stripped (`stripTypes`, lines kept), compiled as
 *   `local _ENV = ...; <source>` on its first line — so one compiled function serves every
 *   process, each calling it with its own environment. Compile errors read like Lua's
 *   (`app:hello:3: unexpected symbol near 'x'`) and are `Invalid`.
 * - Cache: per (entry id, source text), keeping the last few versions of an id, so code in
 *   flight and new spawns of a changed entry each find theirs.
 * - `ModuleScope`: what `require` may load for code of this entry — its `modules:` and its
 *   `imports:` (aliases → library ids, relative ids resolved in the entry's namespace).
 *
 * In: `Entry` values. Out: `CompiledEntry` or a `Result` error.
 */
import type { Entry } from "@wippy/shared";
import { fail, ok, wippyError, type ErrorExtras, type Result } from "../../kernel";
import { stripTypes } from "../dialect/strip-types";
import { lauxlib, lua, type LuaState } from "./fengari";
import { popRef, type LuaRef } from "./refs";

export interface ModuleScope {
  readonly id: string;
  readonly namespace: string;
  readonly modules: ReadonlySet<string>;
  readonly imports: ReadonlyMap<string, string>;
}

export interface CompiledEntry {
  readonly id: string;
  readonly kind: string;
  readonly chunk: LuaRef;
  readonly method: string | undefined;
  readonly scope: ModuleScope;
}

const VERSIONS_KEPT = 4;
const invalid = (message: string, extras?: ErrorExtras): Result<never> => fail(wippyError("Invalid", message, extras));
const ENV_PREFIX = "local _ENV = ...; ";

export function namespaceOf(id: string): string {
  const colon = id.indexOf(":");
  return colon < 0 ? "" : id.slice(0, colon);
}

/** `name` → `ns:name` (references without a namespace are relative to the referrer's). */
export function absoluteId(ref: string, namespace: string): string {
  return ref.includes(":") || namespace === "" ? ref : `${namespace}:${ref}`;
}

export class ChunkCache {
  private readonly byId = new Map<string, { source: string; chunk: LuaRef }[]>();

  constructor(private readonly L: LuaState) {}

  compile(id: string, source: string): Result<LuaRef> {
    const versions = this.byId.get(id) ?? [];
    const hit = versions.find((v) => v.source === source);
    if (hit !== undefined) return ok(hit.chunk);
    const code = ENV_PREFIX + stripTypes(source).code;
    const status = lauxlib.luaL_loadbuffer(this.L, new TextEncoder().encode(code), null, "=" + id);
    if (status !== lua.LUA_OK) {
      const message = lua.lua_tojsstring(this.L, -1) ?? "cannot compile";
      lua.lua_pop(this.L, 1);
      return invalid(message, { details: { entry: id } });
    }
    const chunk = popRef(this.L);
    versions.unshift({ source, chunk });
    if (versions.length > VERSIONS_KEPT) versions.pop();
    this.byId.set(id, versions);
    return ok(chunk);
  }
}

function stringList(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : null;
}

function stringMap(value: unknown): Record<string, string> | null {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.every(([, v]) => typeof v === "string") ? (value as Record<string, string>) : null;
}

export function scopeOf(entry: Entry): Result<ModuleScope> {
  const modules = stringList(entry.data.modules);
  if (modules === null) return invalid(`entry ${entry.id}: modules must be a list of module names`);
  const imports = stringMap(entry.data.imports);
  if (imports === null) return invalid(`entry ${entry.id}: imports must map aliases to library ids`);
  const namespace = namespaceOf(entry.id);
  const resolved = new Map(Object.entries(imports).map(([alias, ref]) => [alias, absoluteId(ref, namespace)]));
  return ok({ id: entry.id, namespace, modules: new Set(modules), imports: resolved });
}

export function compileEntry(cache: ChunkCache, entry: Entry): Result<CompiledEntry> {
  const source = entry.data.source;
  if (typeof source !== "string") return invalid(`entry ${entry.id} has no Lua source`);
  const method = entry.data.method;
  if (method !== undefined && method !== null && typeof method !== "string") return invalid(`entry ${entry.id}: method must be a string`);
  const scope = scopeOf(entry);
  if (!scope.ok) return scope;
  const chunk = cache.compile(entry.id, source);
  if (!chunk.ok) return chunk;
  return ok({ id: entry.id, kind: entry.kind, chunk: chunk.value, method: typeof method === "string" ? method : undefined, scope: scope.value });
}
