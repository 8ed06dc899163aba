/**
 * Stale-write detection for one entry. A writer says which registry version it read the entry
 * at (`baseVersion`); the write is refused only when *this entry* changed after that version —
 * changes to other entries in between do not matter. The refusal carries the three sides of
 * the merge: the entry at `baseVersion`, the entry now (`theirs`, with the version that wrote
 * it) and what the writer submitted (`yours`).
 */
import type { RegistryStore } from "@wippy/db";
import type { Entry } from "@wippy/shared";
import type { TRPCError } from "@trpc/server";
import { problemError } from "../problems";

type History = Awaited<ReturnType<RegistryStore["entryHistory"]>>;

/** The entry as of `version` (null when absent or deleted then), from its history (newest first). */
export function entryAsOf(history: History, version: number): Entry | null {
  return history.find((h) => h.version.id <= version)?.entry ?? null;
}

/** Null when the entry did not change after `baseVersion`, else the CONFLICT to throw. */
export function staleEntry(history: History, id: string, baseVersion: number, yours: Entry | null): TRPCError | null {
  const last = history[0];
  if (!last || last.version.id <= baseVersion) return null;
  const by = `${last.version.author} at version ${last.version.id}`;
  return problemError(
    "CONFLICT",
    { kind: "conflict", entryId: id, baseVersion, theirsVersion: last.version.id, base: entryAsOf(history, baseVersion), theirs: last.entry, yours },
    last.entry
      ? `${id} was changed by ${by}, after version ${baseVersion} you edited: merge the changes, or discard yours`
      : `${id} was deleted by ${by}, after version ${baseVersion} you edited`,
  );
}
