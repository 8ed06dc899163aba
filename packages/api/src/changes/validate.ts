/**
 * Checks of a proposed changeset on the control plane, with the same rules as a save:
 *
 * - `checkedOps`: every created or updated entry is checked as the editor's save checks it
 *   (kind schemas, references made absolute, Lua compiled); errors refuse the proposal with
 *   diagnostics naming the entry, and the stored operations carry the checked entries.
 * - `validateChange`: when the last approval comes in, would the registry run with the change
 *   applied to it as it is *now*? Entry errors, and problems the runtime's own check
 *   (`checkRunnable`) finds that the registry did not already have. A problem keeps the
 *   request `approved` instead of applying it.
 */
import type { ValidateChange } from "@wippy/db";
import { checkRunnable } from "@wippy/runtime/node";
import type { ChangeOp, Entry } from "@wippy/shared";
import { problemError, type Diagnostic } from "../problems";
import { checkEntry, hasErrors } from "../registry/check-entry";
import { toDiagnostic } from "../registry/write";

export function checkedOps(ops: readonly ChangeOp[]): { ops: ChangeOp[]; warnings: Diagnostic[] } {
  const out: ChangeOp[] = [];
  const warnings: Diagnostic[] = [];
  const errors: Diagnostic[] = [];
  for (const op of ops) {
    if (op.op === "delete") {
      out.push(op);
      continue;
    }
    const { entry, problems } = checkEntry(op.entry);
    const diagnostics = problems.map((p) => ({ ...toDiagnostic(p), message: `${op.entry.id}: ${p.message}` }));
    if (hasErrors(problems)) errors.push(...diagnostics.filter((d) => d.severity === "error"));
    else warnings.push(...diagnostics);
    out.push({ op: op.op, entry });
  }
  if (errors.length > 0) {
    throw problemError("BAD_REQUEST", { kind: "diagnostics", diagnostics: errors }, `the change is not valid: ${errors[0]?.message ?? ""}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`);
  }
  return { ops: out, warnings };
}

export function entriesAfter(current: ReadonlyMap<string, Entry>, ops: readonly ChangeOp[]): Map<string, Entry> {
  const after = new Map(current);
  for (const op of ops) {
    if (op.op === "delete") after.delete(op.id);
    else after.set(op.entry.id, op.entry);
  }
  return after;
}

export const validateChange: ValidateChange = (ops, current) => {
  const problems: string[] = [];
  for (const op of ops) {
    if (op.op === "delete") continue;
    for (const p of checkEntry(op.entry).problems) if (p.severity === "error") problems.push(`${op.entry.id}: ${p.message}`);
  }
  const known = new Set(checkRunnable(current.values()).map((p) => p.message));
  for (const p of checkRunnable(entriesAfter(current, ops).values())) if (!known.has(p.message)) problems.push(p.message);
  return problems;
};
