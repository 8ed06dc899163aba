/**
 * V8 tuning for fengari — measured, not guessed.
 *
 * A blocking Lua call (receive, sleep, select) suspends its coroutine by throwing through
 * fengari's interpreter loop `luaV_execute` (a 9.6 KB-bytecode function). Once V8's baseline
 * compiler (Sparkplug) has compiled that function, every such throw costs ~6 µs instead of
 * ~1.3 µs: unwinding a baseline frame maps the machine pc back to a bytecode offset by
 * scanning that large function's offset table. Since yield-heavy code never lets the function
 * reach the optimizing tier, it stays in baseline for good. Turning Sparkplug off keeps it in
 * the interpreter (or TurboFan) and raises Lua ping-pong from ~90k to ~150k messages/s, while
 * CPU-bound Lua runs within a few percent of before.
 *
 * The flag is process-wide, so it is set once, by the runtime, before Lua code runs
 * (`LuaRuntimeOptions.tuneV8 = false` leaves V8 alone).
 */
import { setFlagsFromString } from "node:v8";

let tuned = false;

export function tuneV8ForLua(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString("--no-sparkplug");
}
