/**
 * OUTDATED — the event that tells an upgradable process its code changed (LUA_API.md §3, §7):
 * `{kind = "pid.outdated", from = "", sources = {ids…}, at}` on `process.events()`, where
 * `sources` are the changed entry ids its code depends on.
 *
 * Coalesced: while the last OUTDATED sent to a process is unread — still queued, or taken by
 * a receive whose Lua value is not built yet — new sources are merged into it instead of
 * queueing another. It counts as read once a receive has turned it into a Lua table.
 *
 * In: a process and changed ids. Out: one event queued (or updated); its Lua table.
 */
import type { Channel } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaProcess } from "../../vm/lua-process";
import { pushString } from "../../vm/strings";
import { pushTime } from "../time-values";

export const OUTDATED = "pid.outdated";

export interface OutdatedEvent {
  readonly kind: typeof OUTDATED;
  readonly sources: Set<string>;
  readonly at: number;
  read: boolean;
}

const lastSent = new WeakMap<LuaProcess, OutdatedEvent>();

export function deliverOutdated(proc: LuaProcess, sources: Iterable<string>): void {
  const last = lastSent.get(proc);
  if (last !== undefined && !last.read) {
    for (const id of sources) last.sources.add(id);
    return;
  }
  const event: OutdatedEvent = { kind: OUTDATED, sources: new Set(sources), at: proc.ctx.clock.now(), read: false };
  lastSent.set(proc, event);
  // The kernel's event union does not know OUTDATED (an event of the Lua runtime, not of the
  // actor model); the events channel carries any value and its presenter (`events.ts`) shows
  // this one. A closed channel (the process is ending) drops it, as it would any event.
  (proc.ctx.events() as Channel<unknown>).trySend(event);
}

export function isOutdated(value: unknown): value is OutdatedEvent {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === OUTDATED;
}

export function pushOutdated(L: LuaState, event: OutdatedEvent): void {
  event.read = true;
  lua.lua_createtable(L, 0, 4);
  pushString(L, OUTDATED);
  lua.lua_setfield(L, -2, "kind");
  pushString(L, "");
  lua.lua_setfield(L, -2, "from");
  lua.lua_createtable(L, event.sources.size, 0);
  let i = 0;
  for (const id of event.sources) {
    pushString(L, id);
    lua.lua_rawseti(L, -2, ++i);
  }
  lua.lua_setfield(L, -2, "sources");
  pushTime(L, event.at);
  lua.lua_setfield(L, -2, "at");
}
