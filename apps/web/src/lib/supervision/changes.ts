/**
 * Graph edits as values: every way the canvas changes the tree is one `TreeChange`, applied by
 * the pure `applyChange`. The change log (change-log.ts) records them for undo/redo, and a
 * reload replays them onto a newer registry state.
 *
 * Variants:
 * - `addSupervisor` / `addService`: a new entry under `parent`, appended after its siblings
 *   (`meta.order` one past the last). A service may name its process and host at once.
 * - `setParent`: connect a child to a supervisor, or move it to another one (re-parent); the
 *   child goes last among its new siblings. The root means "no `meta.supervisor`".
 * - `setField`: one field by dotted path under `data.` or `meta.` (`data.lifecycle.restart_type`,
 *   `meta.order`); `undefined` removes it. Placement goes through `setParent`, so
 *   `meta.supervisor` is refused here.
 * - `delete`: removes the entry. A deleted supervisor's children move up to its own parent —
 *   deleting one box never deletes a subtree behind the user's back.
 *
 * Expected refusals (an id taken, a parent that cannot have children, …) come back as
 * `{ ok: false, error }` and change nothing. Cycles are *not* refused: they can already exist
 * in the registry, so they are shown as issues (validate.ts) and block saving instead.
 */
import { isValidEntryId, type Entry, type JsonObject, type JsonValue } from "@wippy/shared";
import { getPath, setPath } from "../json-path";
import { isSupervisor, isTaken, nextOrderUnder, parentOf, type TreeModel } from "./model";
import { DEFAULT_NEW_SERVICE_DATA, DEFAULT_NEW_SUPERVISOR_DATA, ROOT_ID, SERVICE_KIND, SUPERVISOR_KIND, unreachable } from "./terms";

export type TreeChange =
  | { readonly type: "addSupervisor"; readonly id: string; readonly parent: string }
  | { readonly type: "addService"; readonly id: string; readonly parent: string; readonly process?: string; readonly host?: string }
  | { readonly type: "setParent"; readonly id: string; readonly parent: string }
  | { readonly type: "setField"; readonly id: string; readonly path: string; readonly value: JsonValue | undefined }
  | { readonly type: "delete"; readonly id: string };

export type ChangeOutcome = { readonly ok: true; readonly model: TreeModel } | { readonly ok: false; readonly error: string };

const refuse = (error: string): ChangeOutcome => ({ ok: false, error });

export function applyChange(model: TreeModel, change: TreeChange): ChangeOutcome {
  switch (change.type) {
    case "addSupervisor":
      return addEntry(model, change.id, change.parent, SUPERVISOR_KIND, DEFAULT_NEW_SUPERVISOR_DATA);
    case "addService": {
      const data: JsonObject = { ...DEFAULT_NEW_SERVICE_DATA };
      if (change.process) data["process"] = change.process;
      if (change.host) data["host"] = change.host;
      return addEntry(model, change.id, change.parent, SERVICE_KIND, data);
    }
    case "setParent":
      return setParent(model, change.id, change.parent);
    case "setField":
      return setField(model, change.id, change.path, change.value);
    case "delete":
      return deleteNode(model, change.id);
    default:
      return unreachable(change);
  }
}

/** A short description for people ("undo: move app:x under app:sup"). */
export function describeChange(change: TreeChange): string {
  switch (change.type) {
    case "addSupervisor":
      return `add supervisor ${change.id}`;
    case "addService":
      return `add service ${change.id}`;
    case "setParent":
      return `place ${change.id} under ${change.parent}`;
    case "setField":
      return `set ${change.path} of ${change.id}`;
    case "delete":
      return `delete ${change.id}`;
    default:
      return unreachable(change);
  }
}

function addEntry(model: TreeModel, id: string, parent: string, kind: string, data: JsonObject): ChangeOutcome {
  if (!isValidEntryId(id)) return refuse(`"${id}" is not an entry id: write namespace:name (letters, digits, _ and -; dots between namespace parts)`);
  if (isTaken(model, id)) return refuse(`${id} already exists`);
  if (!isSupervisor(model, parent)) return refuse(`${parent} is not a supervisor: children go under a supervisor or the root`);
  const meta: JsonObject = { order: nextOrderUnder(model, parent) };
  if (parent !== ROOT_ID) meta["supervisor"] = parent;
  return withEntry(model, { id, kind, meta, data: structuredClone(data) });
}

function setParent(model: TreeModel, id: string, parent: string): ChangeOutcome {
  const entry = model.entries.get(id);
  if (!entry) return refuse(`${id} is not on the canvas`);
  if (id === parent) return refuse(`${id} cannot supervise itself`);
  if (!isSupervisor(model, parent)) return refuse(`${parent} is not a supervisor: children go under a supervisor or the root`);
  if (parentOf(entry) === parent) return refuse(`${id} is already under ${parent}`);
  return withEntry(model, { ...entry, meta: placedUnder(entry.meta, parent, nextOrderUnder(model, parent, id)) });
}

function setField(model: TreeModel, id: string, path: string, value: JsonValue | undefined): ChangeOutcome {
  const entry = model.entries.get(id);
  if (!entry) return refuse(`${id} is not on the canvas`);
  const [group, ...rest] = path.split(".");
  const field = rest.join(".");
  if ((group !== "data" && group !== "meta") || field === "") return refuse(`${path}: a field path starts with data. or meta.`);
  if (group === "meta" && field === "supervisor") return refuse("meta.supervisor is set by connecting the child to a supervisor");
  const root = entry[group];
  if (JSON.stringify(getPath(root, field)) === JSON.stringify(value)) return refuse(`${path} of ${id} is already that`);
  return withEntry(model, { ...entry, [group]: setPath(root, field, value) });
}

function deleteNode(model: TreeModel, id: string): ChangeOutcome {
  const entry = model.entries.get(id);
  if (!entry) return refuse(`${id} is not on the canvas`);
  const up = parentOf(entry);
  const entries = new Map(model.entries);
  entries.delete(id);
  for (const child of model.entries.values()) {
    // In a cycle the parent may be the child itself: then the child goes to the root.
    if (parentOf(child) === id) entries.set(child.id, { ...child, meta: placedUnder(child.meta, up === child.id ? ROOT_ID : up, undefined) });
  }
  return { ok: true, model: { ...model, entries } };
}

/** `meta` with the child placed under `parent`; `order` undefined keeps the child's order. */
function placedUnder(meta: JsonObject, parent: string, order: number | undefined): JsonObject {
  const { supervisor: _old, ...rest } = meta;
  const next: JsonObject = parent === ROOT_ID ? rest : { ...rest, supervisor: parent };
  if (order !== undefined) next["order"] = order;
  return next;
}

function withEntry(model: TreeModel, entry: Entry): ChangeOutcome {
  const entries = new Map(model.entries);
  entries.set(entry.id, entry);
  return { ok: true, model: { ...model, entries } };
}
