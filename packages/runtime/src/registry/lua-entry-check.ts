/**
 * Load-time checks of Lua entries: the source compiles, and a source that returns a table of
 * functions names the one to run (`method:`).
 *
 * Compiling is not done here: the caller injects `checkLua` (the dialect loader under
 * `lua/`), which keeps this folder free of the Lua VM. Its line numbers are those of the
 * source text; they are mapped back to where the author wrote that text — the `.lua` file for
 * `file://` sources, the YAML file (from the line after `source: |`) for inline ones.
 */
import type { Entry } from "@wippy/shared";
import { at } from "./diagnostic";
import type { Diagnostic } from "./diagnostic";
import type { WrittenEntry } from "./definition-file";
import { KIND_SPECS, isKnownKind } from "./kind-schemas";
import { detectReturnShape } from "./lua-return-shape";
import type { SourceOrigin } from "./source-file";

export type LuaCheckResult = { ok: true } | { ok: false; line: number; column?: number; message: string };

/** Compiles (without running) `source`; `chunkName` names it in the checker's own messages. */
export type CheckLua = (source: string, chunkName: string) => LuaCheckResult | Promise<LuaCheckResult>;

export async function checkLuaEntry(entry: Entry, origin: SourceOrigin, written: WrittenEntry, checkLua?: CheckLua): Promise<Diagnostic[]> {
  if (!isKnownKind(entry.kind) || !KIND_SPECS[entry.kind].lua) return [];
  const source = entry.data.source;
  if (typeof source !== "string") return [];

  if (checkLua) {
    const chunkName = origin.kind === "file" ? origin.file : entry.id;
    const result = await checkLua(source, chunkName);
    if (!result.ok) {
      // The diagnostic already says file:line; drop the checker's own "chunk:line: " prefix.
      const message = `Lua syntax error: ${result.message.replace(/^.*?:\d+: /, "")}`;
      if (origin.kind === "file") {
        const d: Diagnostic = { file: origin.file, line: result.line, entryId: entry.id, message };
        if (result.column !== undefined) d.column = result.column;
        return [d];
      }
      const line = written.textStartLine(["source"]) + Math.max(result.line, 1) - 1;
      return [{ file: written.file, line, entryId: entry.id, message }];
    }
  }

  if (!KIND_SPECS[entry.kind].needsMethod) return [];
  const shape = detectReturnShape(source);
  if (shape.kind !== "table") return [];
  const method = entry.data.method;
  const choices = shape.keys && shape.keys.length > 0 ? ` (one of: ${shape.keys.join(", ")})` : "";
  if (typeof method !== "string" || method === "") {
    return [at(written.file, written.positionOf(["method"]), `the source returns a table of functions; set method: to the one to run${choices}`, entry.id)];
  }
  if (shape.keys && !shape.keys.includes(method)) {
    return [at(written.file, written.positionOf(["method"]), `method "${method}" is not in the table the source returns${choices}`, entry.id)];
  }
  return [];
}
