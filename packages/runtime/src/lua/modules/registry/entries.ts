/**
 * Entries and ids between Lua and the registry (Wippy's `registry.md`).
 *
 * - Out: an entry is pushed as a fresh table `{id, kind, meta, data}` — a deep copy, so a
 *   process can change what it got without touching the node's view. Lists of entries are
 *   arrays sorted by id.
 * - In: `entryArg` reads `{id, kind, meta, data}` where `id` is `"ns:name"` or `{ns, name}`,
 *   `meta` and `data` tables (nil → empty); it is validated once here (id shape, non-empty
 *   kind, JSON-only values) → `Invalid` otherwise. `idArg` reads an id in either form.
 * - Operations (`changes:ops()`, `registry.build_delta`) are `{kind = "entry.create" |
 *   "entry.update" | "entry.delete", entry}`; a delete made from an id carries `{id}` only.
 * - Versions as arguments: a Version object or a whole number ≥ 0.
 *
 * In: Lua stack slots / JS entries. Out: `Entry`, `ChangeOp`, or pushed tables.
 */
import { entrySchema, type ChangeOp, type Entry } from "@wippy/shared";
import { fail, ok, wippyError, type Result } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import { toObject } from "../../vm/objects";
import { copyOut, pushValue } from "../../vm/values";
import { VERSION_CLASS } from "./version";

export const OP_KINDS = { create: "entry.create", update: "entry.update", delete: "entry.delete" } as const;

const invalid = (message: string): Result<never> => fail(wippyError("Invalid", message, { retryable: false }));

export function pushEntry(L: LuaState, entry: Entry): void {
  pushValue(L, { id: entry.id, kind: entry.kind, meta: entry.meta, data: entry.data });
}

export function pushEntries(L: LuaState, entries: readonly Entry[]): void {
  lua.lua_createtable(L, entries.length, 0);
  entries.forEach((entry, i) => {
    pushEntry(L, entry);
    lua.lua_rawseti(L, -2, i + 1);
  });
}

export function pushOps(L: LuaState, ops: readonly ChangeOp[], deleted: (id: string) => Entry | { id: string } = (id) => ({ id })): void {
  lua.lua_createtable(L, ops.length, 0);
  ops.forEach((op, i) => {
    pushValue(L, op.op === "delete" ? { kind: OP_KINDS.delete, entry: deleted(op.id) } : { kind: OP_KINDS[op.op], entry: op.entry });
    lua.lua_rawseti(L, -2, i + 1);
  });
}

function idOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const { ns, name } = value as { ns?: unknown; name?: unknown };
    if (typeof ns === "string" && typeof name === "string") return `${ns}:${name}`;
  }
  return null;
}

/** An empty Lua table copies as `[]`; as a map of fields it is `{}`. */
const asFields = (value: unknown): unknown => (value === undefined || (Array.isArray(value) && value.length === 0) ? {} : value);

export function entryFrom(value: unknown): Result<Entry> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return invalid("an entry must be a table {id, kind, meta, data}");
  const fields = value as Record<string, unknown>;
  const id = idOf(fields.id);
  if (id === null) return invalid(`entry id must be "namespace:name" or {ns = ..., name = ...}`);
  const parsed = entrySchema.safeParse({ id, kind: fields.kind, meta: asFields(fields.meta), data: asFields(fields.data) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return invalid(`invalid entry ${id}: ${issue === undefined ? "bad shape" : `${issue.path.join(".") || "entry"}: ${issue.message}`}`);
  }
  return ok(parsed.data);
}

export function entryArg(L: LuaState, idx: number): Result<Entry> {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return invalid("an entry must be a table {id, kind, meta, data}");
  const copied = copyOut(L, idx);
  return copied.ok ? entryFrom(copied.value) : invalid(`invalid entry: ${copied.error.message}`);
}

export function idArg(L: LuaState, idx: number): Result<string> {
  const t = lua.lua_type(L, idx);
  if (t !== lua.LUA_TSTRING && t !== lua.LUA_TTABLE) return invalid(`an entry id must be "namespace:name" or {ns = ..., name = ...}`);
  const copied = copyOut(L, idx);
  const id = copied.ok ? idOf(copied.value) : null;
  return id === null ? invalid(`an entry id must be "namespace:name" or {ns = ..., name = ...}`) : ok(id);
}

/** A version argument: a Version object or a whole number ≥ 0. */
export function versionArg(L: LuaState, idx: number): Result<number> {
  const version = toObject(L, idx, VERSION_CLASS);
  if (version !== null) return ok(version.id);
  if (lua.lua_type(L, idx) === lua.LUA_TNUMBER) {
    const n = lua.lua_tonumber(L, idx);
    if (Number.isInteger(n) && n >= 0) return ok(n);
  }
  return invalid("a version must be a Version object or a whole number ≥ 0");
}

