/**
 * Issuing a workflow command from a Lua module function and turning the engine's answer into
 * the function's results.
 *
 * - `portOf(L, proc)`: the calling process's port; a workflow module used outside a workflow
 *   is a bug of the embedder, raised as such.
 * - `callSite(L)`: the innermost Lua frame that called the module function (source + line).
 * - `issue(L, proc, port, command, finish)`: `now` → `finish` at once; `later` → the thread
 *   blocks on the answer's channel, then `finish`; `halt` → the thread blocks for good (the
 *   engine stops the process once it is quiet; a raise could be caught by `pcall`).
 * - `finishResult`: `{value}` → value; `{error}` → `nil, err`.
 */
import { Channel, receiveCase } from "../../../kernel";
import { block } from "../../vm/blocking";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaProcess } from "../../vm/lua-process";
import { jsString } from "../../vm/strings";
import { raiseError, returnError, returnValue } from "../results";
import type { CallSite, PortOf, Resolution, WorkflowCommand, WorkflowPort } from "./port";

export type Finish = (L: LuaState, resolution: Resolution) => number;

export function portOf(L: LuaState, proc: LuaProcess, find: PortOf): WorkflowPort {
  const port = find(proc);
  if (port === undefined) return raiseError(L, `process ${proc.pid} is not a workflow run`);
  return port;
}

export function callSite(L: LuaState): CallSite {
  const ar = new lua.lua_Debug();
  for (let level = 1; lua.lua_getstack(L, level, ar) !== 0; level++) {
    lua.lua_getinfo(L, "Sl", ar);
    if (ar.currentline > 0 && ar.short_src !== null) return { source: jsString(ar.short_src), line: ar.currentline };
  }
  return { source: "?", line: 0 };
}

export const finishResult: Finish = (L, resolution) => ("error" in resolution ? returnError(L, resolution.error) : returnValue(L, resolution.value));

const NEVER = new Channel<never>(0);

/** The thread waits for good (its command diverged; the engine stops the process). */
export function blockForever(L: LuaState): number {
  return block(L, [receiveCase(NEVER)], () => 0);
}

export function issue(L: LuaState, port: WorkflowPort, command: WorkflowCommand, finish: Finish = finishResult): number {
  const answer = port.issue(command, callSite(L));
  switch (answer.kind) {
    case "now":
      return finish(L, answer.resolution);
    case "later":
      return block(L, [receiveCase(answer.channel)], (L2, outcome) => {
        if (outcome.kind !== "received" || !outcome.ok) return blockForever(L2);
        return finish(L2, outcome.value as Resolution);
      });
    case "halt":
      return blockForever(L);
  }
}
