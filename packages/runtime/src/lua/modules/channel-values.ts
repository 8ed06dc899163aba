/**
 * What a channel carries, as Lua sees it.
 *
 * Channels made by `channel.new()` carry Lua values of their own process (refs, so a table
 * sent between coroutines is the same table). Channels made by the runtime carry JS values
 * that need presenting: the inbox carries kernel `Message`s (shown as Message objects),
 * listeners raw payload data or Messages, `process.events()` event tables, timers `Time`
 * objects. `presentAs(ch, presenter)` records how; such channels are receive-only for Lua.
 *
 * In: channels and received values. Out: the value pushed on a Lua stack.
 */
import type { Channel } from "../../kernel";
import { lua, type LuaState } from "../vm/fengari";
import { pushRef, type LuaRef } from "../vm/refs";

export type Presenter = (L: LuaState, value: unknown) => void;

const presenters = new WeakMap<Channel<unknown>, Presenter>();

export function presentAs<T>(channel: Channel<T>, presenter: Presenter): Channel<T> {
  if (!presenters.has(channel as Channel<unknown>)) presenters.set(channel as Channel<unknown>, presenter);
  return channel;
}

export function isRuntimeChannel(channel: Channel<unknown>): boolean {
  return presenters.has(channel);
}

/** Pushes a received value; `ok = false` (closed) always pushes nil. */
export function pushReceived(L: LuaState, channel: Channel<unknown>, value: unknown, ok: boolean): void {
  if (!ok || value === undefined) {
    lua.lua_pushnil(L);
    return;
  }
  const presenter = presenters.get(channel);
  if (presenter !== undefined) presenter(L, value);
  else pushRef(L, value as LuaRef);
}
