/**
 * Messages of the `process` module (LUA_API.md §3): `send`, `inbox`, `listen`, `unlisten`,
 * and the Message / Payload objects.
 *
 * - `process.send(dest, topic, ...)` → true | nil, err (`PermissionDenied` when
 *   `process.send` on `dest` is refused, `meta.topic` = the topic). Payloads are deep-copied plain data;
 *   a function, userdata, cycle or oversized value is `Invalid` (nothing is sent). `@` topics
 *   are `Invalid`; a dead pid is `NotFound` ("… not found"); an unknown name `NotFound`.
 * - `process.inbox()` → channel of Message; `process.listen(topic, {message = bool})` → the
 *   topic's channel, carrying raw payload data (nil for none, a table for several) or Message
 *   objects; the same channel every time. `process.unlisten(ch)` → true | false.
 * - Message: `:topic()`, `:from()` (`""` for the system), `:payload()` → Payload (`:data()`),
 *   or a table of Payloads when there were several.
 */
import type { Channel, Message } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import { checkObject, defineClass, pushObject } from "../../vm/objects";
import { checkString, pushString } from "../../vm/strings";
import { copyOutRange, pushValue } from "../../vm/values";
import { CHANNEL_CLASS } from "../channel";
import { presentAs } from "../channel-values";
import { returnBoolean, returnError, returnResult } from "../results";
import { authorizeDest } from "../security/authorize";

export class LuaMessage {
  constructor(readonly message: Message) {}
}

export class LuaPayload {
  constructor(readonly data: unknown) {}
}

const message = (L: LuaState): Message => checkObject(L, 1, MESSAGE_CLASS).message;

export const MESSAGE_CLASS = defineClass(LuaMessage, {
  name: "message",
  tostring: (m) => `message ${m.message.topic} from ${m.message.from === "" ? "system" : m.message.from}`,
  methods: {
    topic: (L) => {
      pushString(L, message(L).topic);
      return 1;
    },
    from: (L) => {
      pushString(L, message(L).from);
      return 1;
    },
    payload: (L) => {
      const payloads = message(L).payloads;
      if (payloads.length <= 1) {
        pushObject(L, new LuaPayload(payloads[0]));
        return 1;
      }
      lua.lua_createtable(L, payloads.length, 0);
      payloads.forEach((p, i) => {
        pushObject(L, new LuaPayload(p));
        lua.lua_rawseti(L, -2, i + 1);
      });
      return 1;
    },
  },
});

export const PAYLOAD_CLASS = defineClass(LuaPayload, {
  name: "payload",
  methods: {
    data: (L) => {
      pushValue(L, checkObject(L, 1, PAYLOAD_CLASS).data);
      return 1;
    },
    get_format: (L) => {
      pushString(L, "lua/any");
      return 1;
    },
  },
});

const presentMessage = (L: LuaState, value: unknown): void => pushObject(L, new LuaMessage(value as Message));

const presentData = (L: LuaState, value: unknown): void => {
  const payloads = (value as Message).payloads;
  pushValue(L, payloads.length <= 1 ? payloads[0] : payloads);
};

export const send: LuaFunction = (L, proc) => {
  const dest = checkString(L, 1);
  const topic = checkString(L, 2);
  const denied = authorizeDest(proc, "process.send", dest, topic);
  if (denied !== null) return returnError(L, denied);
  const payloads = copyOutRange(L, 3, lua.lua_gettop(L), proc.vm.runtime.copyLimits);
  if (!payloads.ok) return returnError(L, payloads.error);
  return returnResult(L, proc.ctx.send(dest, topic, payloads.value));
};

export const inbox: LuaFunction = (L, proc) => {
  pushObject(L, presentAs(proc.ctx.inbox(), presentMessage));
  return 1;
};

export const listen: LuaFunction = (L, proc) => {
  const topic = checkString(L, 1);
  let asMessages = false;
  if (lua.lua_type(L, 2) === lua.LUA_TTABLE) {
    lua.lua_getfield(L, 2, "message");
    asMessages = lua.lua_toboolean(L, -1);
    lua.lua_pop(L, 1);
  }
  const listener = proc.ctx.listen(topic, { message: asMessages });
  if (!listener.ok) return returnError(L, listener.error);
  const { channel, message: wantsMessages } = listener.value;
  pushObject(L, presentAs(channel, wantsMessages ? presentMessage : presentData));
  return 1;
};

export const unlisten: LuaFunction = (L, proc) => {
  // Only listener channels (which carry Messages) can be unlistened; any other channel is just not found.
  const channel = checkObject(L, 1, CHANNEL_CLASS) as Channel<Message>;
  return returnBoolean(L, proc.ctx.unlisten(channel));
};
