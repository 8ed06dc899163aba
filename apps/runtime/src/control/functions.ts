/**
 * `function.call { id, args }`: the `function.lua` entry runs as its own process on the node's
 * `wippy:functions` host (as `wippy test` runs tests) with the JSON arguments.
 * - returned value → `{ ok: true, value }` (as JSON, see json-value.ts);
 * - returned `nil, err` or raised → `{ ok: false, kind, message, traceback }` — the Wippy error
 *   kind (`""` is Wippy's UNKNOWN), and for a raise the Lua traceback the runtime recorded;
 * - no such function → `NotFound`; still running after `timeoutMs` → the process is
 *   terminated and the reply is `Timeout` (the server has stopped waiting by then anyway).
 */
import type { NodeReply } from "@wippy/shared";
import type { ExitResult } from "@wippy/runtime/kernel";
import type { RuntimeNode } from "@wippy/runtime/node";
import { toJsonValue } from "./json-value";

export async function callFunction(node: Pick<RuntimeNode, "call" | "kernel" | "view">, id: string, args: readonly unknown[], timeoutMs: number): Promise<NodeReply> {
  const entry = node.view.get(id);
  if (!entry) return { ok: false, kind: "NotFound", message: `no registry entry ${id}` };
  if (entry.kind !== "function.lua") return { ok: false, kind: "Invalid", message: `${id} is a ${entry.kind}, not a function.lua` };
  const run = node.call(id, args);
  if (!run.ok) return { ok: false, kind: run.error.kind, message: run.error.message };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  const result = await Promise.race([run.value.exit, timedOut]);
  clearTimeout(timer);
  if (result === "timeout") {
    node.kernel.terminate(run.value.pid);
    return { ok: false, kind: "Timeout", message: `${id} was still running after ${timeoutMs} ms and was terminated` };
  }
  return replyOf(result);
}

function replyOf(result: ExitResult): NodeReply {
  const error = result.error as (ExitResult["error"] & { stack?: string }) | undefined;
  if (!error) return { ok: true, value: toJsonValue(result.value) };
  return { ok: false, kind: error.kind, message: error.message, ...(error.stack ? { traceback: error.stack } : {}) };
}
