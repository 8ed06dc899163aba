/**
 * `channel` (global) — Go-style channels for Lua (LUA_API.md §4).
 *
 * - `channel.new(size?)`: 0 = unbuffered. `ch:send(v)` blocks until taken (buffered: until
 *   room) and raises on a closed channel; `ch:receive()` → `v, true`, or `nil, false` once
 *   closed and drained; `ch:close()` is idempotent.
 * - `ch:case_send(v)`, `ch:case_receive()` → cases for `channel.select{…, default = true?}` →
 *   `{channel, value, ok}` (first ready case in the order given), or `{default = true, ok =
 *   true}` when nothing is ready and `default` is set. Channels compare by identity.
 * - Runtime channels (inbox, listeners, events, timers) are receive-only here.
 */
import { Channel, receiveCase, sendCase, type SelectCase, type SelectOutcome } from "../../kernel";
import { block, type Continuation } from "../vm/blocking";
import { lauxlib, lua, type LuaState } from "../vm/fengari";
import type { LuaFunction } from "../vm/lua-function";
import { checkObject, defineClass, pushObject, toObject, typeNameAt } from "../vm/objects";
import { refAt } from "../vm/refs";
import { isRuntimeChannel, pushReceived } from "./channel-values";
import { defineModule } from "./define-module";
import { raiseError } from "./results";

/** A case of `channel.select`, as made by `ch:case_send(v)` / `ch:case_receive()`. */
export class LuaCase {
  constructor(readonly spec: SelectCase) {}
}

export const CASE_CLASS = defineClass(LuaCase, {
  name: "channel case",
  tostring: (c) => `channel case (${c.spec.kind})`,
});

const SEND_ON_CLOSED = "send on closed channel";

const self = (L: LuaState): Channel<unknown> => checkObject(L, 1, CHANNEL_CLASS);

function valueToSend(L: LuaState, ch: Channel<unknown>, idx: number): unknown {
  if (isRuntimeChannel(ch)) return raiseError(L, "cannot send on a receive-only channel");
  return lua.lua_isnoneornil(L, idx) ? undefined : refAt(L, idx);
}

const send: LuaFunction = (L) => {
  const ch = self(L);
  const value = valueToSend(L, ch, 2);
  return block(L, [sendCase(ch, value)], (L2, outcome) => {
    if (outcome.kind === "closed") return raiseError(L2, SEND_ON_CLOSED);
    lua.lua_pushboolean(L2, true);
    return 1;
  });
};

/** `[receiveCase(ch)]`, made once per channel (cases are immutable): receiving allocates nothing. */
const receiveCases = new WeakMap<Channel<unknown>, readonly SelectCase[]>();

export function receiveCasesOf(ch: Channel<unknown>): readonly SelectCase[] {
  let cases = receiveCases.get(ch);
  if (cases === undefined) {
    cases = [receiveCase(ch)];
    receiveCases.set(ch, cases);
  }
  return cases;
}

const received: Continuation = (L, outcome, cases) => {
  const ok = outcome.kind === "received" && outcome.ok;
  pushReceived(L, (cases[0] as SelectCase).channel, ok ? (outcome as { value: unknown }).value : undefined, ok);
  lua.lua_pushboolean(L, ok);
  return 2;
};

export function receiveFrom(L: LuaState, ch: Channel<unknown>): number {
  return block(L, receiveCasesOf(ch), received);
}

export const CHANNEL_CLASS = defineClass(Channel, {
  name: "channel",
  tostring: (ch) => `channel (${ch.capacity === Infinity ? "unbounded" : ch.capacity}${ch.closed ? ", closed" : ""})`,
  methods: {
    send,
    receive: (L) => block(L, receiveCasesOf(self(L)), received),
    close: (L) => {
      self(L).close();
      return 0;
    },
    case_send: (L) => {
      const ch = self(L);
      pushObject(L, new LuaCase(sendCase(ch, valueToSend(L, ch, 2))));
      return 1;
    },
    case_receive: (L) => {
      pushObject(L, new LuaCase(receiveCase(self(L))));
      return 1;
    },
  },
});

const newChannel: LuaFunction = (L) => {
  const size = lauxlib.luaL_optinteger(L, 1, 0);
  if (size < 0) lauxlib.luaL_argerror(L, 1, "size must be 0 or more");
  pushObject(L, new Channel<unknown>(size));
  return 1;
};

function readCases(L: LuaState): SelectCase[] {
  lauxlib.luaL_checktype(L, 1, lua.LUA_TTABLE);
  const cases: SelectCase[] = [];
  for (let i = 1; ; i++) {
    if (lua.lua_rawgeti(L, 1, i) === lua.LUA_TNIL) break;
    const c = toObject(L, -1, CASE_CLASS);
    if (c === null) raiseError(L, `channel.select: case ${i} is a ${typeNameAt(L, -1)}, not a channel case (use ch:case_receive() or ch:case_send(v))`);
    cases.push((c as LuaCase).spec);
    lua.lua_pop(L, 1);
  }
  lua.lua_pop(L, 1);
  return cases;
}

function pushSelected(L: LuaState, cases: readonly SelectCase[], outcome: SelectOutcome): number {
  lua.lua_createtable(L, 0, 3);
  if (outcome.kind === "default") {
    lua.lua_pushboolean(L, true);
    lua.lua_setfield(L, -2, "default");
    lua.lua_pushboolean(L, true);
    lua.lua_setfield(L, -2, "ok");
    return 1;
  }
  if (outcome.kind === "closed") return raiseError(L, SEND_ON_CLOSED);
  const c = cases[outcome.index] as SelectCase;
  pushObject(L, c.channel);
  lua.lua_setfield(L, -2, "channel");
  const ok = outcome.kind === "sent" || outcome.ok;
  pushReceived(L, c.channel, outcome.value, ok);
  lua.lua_setfield(L, -2, "value");
  lua.lua_pushboolean(L, ok);
  lua.lua_setfield(L, -2, "ok");
  return 1;
}

const select: LuaFunction = (L) => {
  const cases = readCases(L);
  lua.lua_getfield(L, 1, "default");
  const withDefault = lua.lua_toboolean(L, -1);
  lua.lua_pop(L, 1);
  return block(L, cases, (L2, outcome) => pushSelected(L2, cases, outcome), withDefault);
};

export const channelModule = defineModule({
  name: "channel",
  global: true,
  functions: { new: newChannel, select },
});
