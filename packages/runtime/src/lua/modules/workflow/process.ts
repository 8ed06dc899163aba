/**
 * `process` inside a workflow (LUA_API.md §8): what a durable run may do as a process.
 *
 * - `process.pid()` → the run's stable pid `{host|run id}`; `process.id()` → the entry id.
 * - Signals: `process.inbox()`, `process.listen(topic, {message})`, `process.unlisten(ch)`
 *   as for any process, fed with the run's recorded `signal.received` events.
 * - `process.events()` → CANCEL events (`{kind = "pid.cancel", from, reason, at}`) from the
 *   recorded `cancel.requested` events: cancellation is cooperative.
 * - `process.send(dest, topic, ...)` → true: a recorded command, sent once after it is
 *   committed (never again on replay). `@` topics → `nil, Invalid`.
 * - Refused with `nil, Invalid` (their effects could not be replayed): `link`, `unlink`,
 *   `monitor`, `unmonitor`, `spawn*`, `exec`, `cancel`, `terminate`, `upgrade`, names.
 *   Child workflows are `workflow.exec`, other work is an activity (`funcs.call`). The
 *   builders `with_context` / `with_options` raise (they would only lead to a spawn).
 */
import { checkTopic, wippyError, type Channel, type Message, type ProcessEvent } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import { checkObject, pushObject } from "../../vm/objects";
import { checkString, pushString } from "../../vm/strings";
import { copyOutRange, pushValue } from "../../vm/values";
import { CHANNEL_CLASS } from "../channel";
import { presentAs } from "../channel-values";
import { defineModule, type ModuleDefinition } from "../define-module";
import { EVENT_KINDS } from "../process/events";
import { LuaMessage } from "../process/messages";
import { raiseError, returnBoolean, returnError } from "../results";
import { pushTime } from "../time-values";
import { issue, portOf } from "./issue";
import type { PortOf } from "./port";

const presentMessage = (L: LuaState, value: unknown): void => pushObject(L, new LuaMessage(value as Message));

const presentData = (L: LuaState, value: unknown): void => {
  const payloads = (value as Message).payloads;
  pushValue(L, payloads.length <= 1 ? payloads[0] : payloads);
};

function presentEvent(L: LuaState, value: unknown): void {
  const event = value as ProcessEvent;
  lua.lua_createtable(L, 0, 4);
  pushString(L, event.kind);
  lua.lua_setfield(L, -2, "kind");
  pushString(L, event.from);
  lua.lua_setfield(L, -2, "from");
  if (event.kind === "pid.cancel" && event.reason !== undefined) {
    pushString(L, event.reason);
    lua.lua_setfield(L, -2, "reason");
  }
  pushTime(L, event.at);
  lua.lua_setfield(L, -2, "at");
}

const refused =
  (name: string, instead: string): LuaFunction =>
  (L) =>
    returnError(L, wippyError("Invalid", `process.${name} is refused inside a workflow: ${instead}`, { retryable: false }));

const SPAWN = "spawn child workflows with workflow.exec, do other work in activities (funcs.call)";
const RELATIONS = "links and monitors of a workflow are set from outside it";

export function workflowProcessModule(find: PortOf): ModuleDefinition {
  const send: LuaFunction = (L, proc) => {
    const port = portOf(L, proc, find);
    const to = checkString(L, 1);
    const topic = checkString(L, 2);
    const checked = checkTopic(topic);
    if (!checked.ok) return returnError(L, checked.error);
    const payloads = copyOutRange(L, 3, lua.lua_gettop(L), proc.vm.runtime.copyLimits);
    if (!payloads.ok) return returnError(L, payloads.error);
    return issue(L, port, { kind: "send", to, topic, payloads: payloads.value }, (L2, r) => ("error" in r ? returnError(L2, r.error) : returnBoolean(L2, true)));
  };

  const listen: LuaFunction = (L, proc) => {
    const port = portOf(L, proc, find);
    const topic = checkString(L, 1);
    let asMessages = false;
    if (lua.lua_type(L, 2) === lua.LUA_TTABLE) {
      lua.lua_getfield(L, 2, "message");
      asMessages = lua.lua_toboolean(L, -1);
      lua.lua_pop(L, 1);
    }
    const listener = port.mailbox.listen(topic, asMessages);
    if (!listener.ok) return returnError(L, listener.error);
    pushObject(L, presentAs(listener.value.channel, listener.value.message ? presentMessage : presentData));
    return 1;
  };

  return defineModule({
    name: "process",
    global: true,
    functions: {
      pid: (L, proc) => {
        pushString(L, portOf(L, proc, find).pid);
        return 1;
      },
      id: (L, proc) => {
        pushString(L, proc.entry.id);
        return 1;
      },
      send,
      inbox: (L, proc) => {
        pushObject(L, presentAs(portOf(L, proc, find).mailbox.inbox(), presentMessage));
        return 1;
      },
      listen,
      unlisten: (L, proc) => returnBoolean(L, portOf(L, proc, find).mailbox.unlisten(checkObject(L, 1, CHANNEL_CLASS) as Channel<Message>)),
      events: (L, proc) => {
        pushObject(L, presentAs(portOf(L, proc, find).mailbox.events(), presentEvent));
        return 1;
      },
      link: refused("link", RELATIONS),
      unlink: refused("unlink", RELATIONS),
      monitor: refused("monitor", RELATIONS),
      unmonitor: refused("unmonitor", RELATIONS),
      spawn: refused("spawn", SPAWN),
      spawn_monitored: refused("spawn_monitored", SPAWN),
      spawn_linked: refused("spawn_linked", SPAWN),
      spawn_linked_monitored: refused("spawn_linked_monitored", SPAWN),
      exec: refused("exec", SPAWN),
      cancel: refused("cancel", "cancel other work through an activity"),
      terminate: refused("terminate", "terminate other work through an activity"),
      upgrade: refused("upgrade", "a run changes code only through an operator's upgrade, checked by replay"),
      set_options: (L) => returnBoolean(L, true),
      get_options: (L) => {
        lua.lua_createtable(L, 0, 2);
        lua.lua_pushboolean(L, false);
        lua.lua_setfield(L, -2, "trap_links");
        lua.lua_pushboolean(L, false);
        lua.lua_setfield(L, -2, "upgradable");
        return 1;
      },
      with_context: (L) => raiseError(L, `process.with_context is refused inside a workflow: ${SPAWN}`),
      with_options: (L) => raiseError(L, `process.with_options is refused inside a workflow: ${SPAWN}`),
    },
    tables: {
      event: { constants: EVENT_KINDS },
      registry: {
        functions: {
          register: refused("registry.register", "names are not durable"),
          lookup: refused("registry.lookup", "names are not durable; pass pids in the input or a signal"),
          unregister: (L) => returnBoolean(L, false),
        },
      },
    },
  });
}
