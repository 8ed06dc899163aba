/**
 * `io` (global, terminal hosts only) — the process's stdin/stdout (LUA_API.md §6).
 * `io.print(...)` writes the values and a newline, `io.write(...)` the values only,
 * `io.readline()` blocks for the next line (nil at end of input), `io.args()` → the
 * command-line arguments. The terminal itself is the embedder's (`TerminalIo`).
 */
import { receiveCase, type Channel } from "../../kernel";
import { block } from "../vm/blocking";
import { lauxlib, lua, type LuaState } from "../vm/fengari";
import { jsString, pushString } from "../vm/strings";
import { pushValue } from "../vm/values";
import { defineModule, type ModuleDefinition } from "./define-module";

export interface TerminalIo {
  write(text: string): void;
  /** Lines of input, without their line break; closed at end of input. */
  readonly lines: Channel<string>;
  readonly args: readonly string[];
}

function joined(L: LuaState, separator: string): string {
  const parts: string[] = [];
  for (let i = 1; i <= lua.lua_gettop(L); i++) {
    parts.push(jsString(lauxlib.luaL_tolstring(L, i)));
    lua.lua_pop(L, 1);
  }
  return parts.join(separator);
}

export function ioModule(terminal: TerminalIo): ModuleDefinition {
  return defineModule({
    name: "io",
    global: true,
    functions: {
      print: (L) => {
        terminal.write(`${joined(L, "\t")}\n`);
        return 0;
      },
      write: (L) => {
        terminal.write(joined(L, ""));
        return 0;
      },
      readline: (L) =>
        block(L, [receiveCase(terminal.lines)], (L2, outcome) => {
          if (outcome.kind === "received" && outcome.ok) pushString(L2, outcome.value as string);
          else lua.lua_pushnil(L2);
          return 1;
        }),
      args: (L) => {
        pushValue(L, [...terminal.args]);
        return 1;
      },
    },
  });
}
