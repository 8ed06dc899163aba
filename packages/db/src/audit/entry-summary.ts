/**
 * How registry entries appear in the audit log: the entry without the bulk — a Lua `source`
 * becomes its line count and a short content hash, enough to tell versions apart; the full
 * text stays in the registry's own history (the version number is in the row's metadata).
 * Shared by every writer that audits registry changes (the control plane, Lua processes).
 */
import { createHash } from "node:crypto";
import type { Entry, JsonValue } from "@wippy/shared";

export function auditEntry(entry: Entry | null | undefined): JsonValue {
  if (!entry) return null;
  const data = { ...entry.data };
  if (typeof data.source === "string") data.source = describeSource(data.source);
  return { id: entry.id, kind: entry.kind, meta: entry.meta, data };
}

function describeSource(source: string): string {
  // Counted as an editor shows them: a final line break does not start another line.
  const lines = source === "" ? 0 : source.replace(/\n$/, "").split("\n").length;
  const hash = createHash("sha256").update(source).digest("hex").slice(0, 12);
  return `<${lines} line${lines === 1 ? "" : "s"}, sha256 ${hash}>`;
}
