// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- fengari ships no types; the reference makes them visible to every package that compiles this file
/// <reference path="../fengari.d.ts" />
/**
 * Syntax check of a Wippy Lua source: strip the type syntax, compile with fengari without
 * running anything, and report the first error.
 *
 * In: the source and a chunk name (the entry id, e.g. `app:hello`). Out: `{ ok: true }` or
 * `{ ok: false, line, message }` where `line` is 1-based in the original source (stripping keeps
 * every line break, so compiler lines are original lines) and `message` reads like Lua's own:
 * `app:hello:12: unexpected symbol near 'x'`.
 */
import fengari from "fengari";
import { stripTypes } from "./strip-types";

export type SyntaxCheck = { ok: true } | { ok: false; line: number; message: string };

const { lua, lauxlib, to_luastring } = fengari;

/**
 * Lua cuts chunk names to 60 bytes in messages, and entry ids may be longer (or contain the
 * `:<digits>:` shape we parse), so we compile under this one-character name and put the entry id
 * back afterwards.
 */
const PLACEHOLDER = "?";
const LOCATED = /^\?:(\d+): ([\s\S]*)$/;

export function checkLuaSyntax(source: string, chunkName: string): SyntaxCheck {
  const { code } = stripTypes(source);
  const L = lauxlib.luaL_newstate();
  try {
    const status = lauxlib.luaL_loadbuffer(L, to_luastring(code), null, to_luastring("=" + PLACEHOLDER));
    if (status === lua.LUA_OK) return { ok: true };
    const raw = lua.lua_tojsstring(L, -1) ?? "cannot compile chunk";
    const located = LOCATED.exec(raw);
    if (located === null) return { ok: false, line: 0, message: `${chunkName}: ${raw}` };
    const line = Number(located[1]);
    return { ok: false, line, message: `${chunkName}:${line}: ${located[2] ?? ""}` };
  } finally {
    lua.lua_close(L);
  }
}
