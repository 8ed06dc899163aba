/**
 * Spawn builders (LUA_API.md §3): `process.with_context(tbl)` / `process.with_options(tbl)`
 * → an immutable spawner. Every `:with_*` returns a new one: `:with_context(tbl)` (merged),
 * `:with_options(tbl)` (merged), `:with_name(name)` (registered before the child runs; a taken
 * name fails the spawn with `AlreadyExists`), `:with_message(topic, ...)` (sent to the child
 * before it runs), `:with_actor(actor)` / `:with_scope(scope)` (objects of the `security`
 * module: the child's security context instead of the spawner's; the spawn then also needs
 * `process.security`, and a scope within the spawner's own — see `spawn.ts`). Then
 * `:spawn*(id, host, ...)` and `:exec(id, host, ...)` as the module functions.
 * Bad input to a `:with_*` raises: it is a programming error in a chain.
 */
import { checkTopic } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import { checkObject, defineClass, pushObject } from "../../vm/objects";
import { checkString } from "../../vm/strings";
import { copyOut, copyOutRange } from "../../vm/values";
import { raiseError } from "../results";
import { ACTOR_CLASS, SCOPE_CLASS } from "../security/objects";
import { execFrom, LINKED, LINKED_MONITORED, MONITORED, PLAIN, returnSpawned, spawnFrom, type SpawnMode, type SpawnRequest } from "./spawn";

export class SpawnBuilder {
  constructor(readonly request: SpawnRequest) {}

  with(change: Partial<SpawnRequest>): SpawnBuilder {
    return new SpawnBuilder({ ...this.request, ...change });
  }
}

const self = (L: LuaState): SpawnBuilder => checkObject(L, 1, BUILDER_CLASS);

export function tableArg(L: LuaState, idx: number, what: string): Record<string, unknown> {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return raiseError(L, `${what} expects a table`);
  const copied = copyOut(L, idx);
  if (!copied.ok) return raiseError(L, `${what}: ${copied.error.message}`);
  const value = copied.value;
  // An empty Lua table copies as `[]`; as a set of fields it is simply empty.
  return Array.isArray(value) ? {} : (value as Record<string, unknown>);
}

function push(L: LuaState, builder: SpawnBuilder): number {
  pushObject(L, builder);
  return 1;
}

/** What every spawner carries: the request so far, and how to derive the next spawner. */
export interface Spawner<B> {
  readonly request: SpawnRequest;
  with(change: Partial<SpawnRequest>): B;
}

/**
 * The `:with_*` methods shared by every spawner class (the plain one here and the
 * workflow-aware one): each returns a new spawner of the same class.
 */
export function builderMethods<B extends Spawner<B>>(self: (L: LuaState) => B, push: (L: LuaState, b: B) => number): Record<string, LuaFunction> {
  return {
    with_context: (L) => {
      const b = self(L);
      return push(L, b.with({ context: { ...b.request.context, ...tableArg(L, 2, "with_context") } }));
    },
    with_options: (L) => {
      const b = self(L);
      return push(L, b.with({ options: { ...b.request.options, ...tableArg(L, 2, "with_options") } }));
    },
    with_name: (L) => push(L, self(L).with({ name: checkString(L, 2) })),
    with_message: (L) => {
      const b = self(L);
      const topic = checkString(L, 2);
      const checked = checkTopic(topic);
      if (!checked.ok) return raiseError(L, checked.error);
      const payloads = copyOutRange(L, 3, lua.lua_gettop(L));
      if (!payloads.ok) return raiseError(L, payloads.error);
      return push(L, b.with({ messages: [...(b.request.messages ?? []), { topic, payloads: payloads.value }] }));
    },
    // Checked when the spawn happens: the builder is only a value until then.
    with_actor: (L) => push(L, self(L).with({ actor: checkObject(L, 2, ACTOR_CLASS).actor })),
    with_scope: (L) => push(L, self(L).with({ scope: checkObject(L, 2, SCOPE_CLASS).scope })),
  };
}

const spawnVariant = (mode: SpawnMode): LuaFunction => (L, proc) => returnSpawned(L, proc, spawnFrom(L, proc, self(L).request, mode, 2));

export const BUILDER_CLASS = defineClass(SpawnBuilder, {
  name: "spawner",
  methods: {
    ...builderMethods(self, push),
    spawn: spawnVariant(PLAIN),
    spawn_monitored: spawnVariant(MONITORED),
    spawn_linked: spawnVariant(LINKED),
    spawn_linked_monitored: spawnVariant(LINKED_MONITORED),
    exec: (L, proc) => execFrom(L, proc, self(L).request, 2),
  },
});

export const withContext: LuaFunction = (L) => push(L, new SpawnBuilder({ context: tableArg(L, 1, "process.with_context") }));

export const withOptions: LuaFunction = (L) => push(L, new SpawnBuilder({ options: tableArg(L, 1, "process.with_options") }));

