/**
 * Registry events — every change the node's registry view applies, published on the bus
 * (LUA_API.md §5, §7: "Subscribers of `events.subscribe("registry")` see every change").
 *
 * Shape, as Wippy's runtime sends it: system `registry`, kind `entry.create|update|delete`,
 * path the entry id, data the entry `{id, kind, meta, data}` — for a delete, the entry as it
 * was — plus `version`, the registry version that made the change. Unlike Wippy, which keeps
 * `registry.entry` changes off the bus by default, every kind is published here: configuration
 * read by running processes must reach them live.
 *
 * In: a view and a bus. Out: a function that stops publishing.
 */
import type { Entry, RevisionOp } from "@wippy/shared";
import type { RegistryView } from "../registry/view";
import type { EventBus } from "./event-bus";

export const REGISTRY_SYSTEM = "registry";

export const REGISTRY_EVENT_KINDS: Readonly<Record<RevisionOp, string>> = {
  create: "entry.create",
  update: "entry.update",
  delete: "entry.delete",
};

export interface RegistryEventData extends Entry {
  version: number;
}

export function publishRegistryChanges(view: Pick<RegistryView, "subscribe">, bus: Pick<EventBus, "publish">): () => void {
  return view.subscribe(({ version, changes }) => {
    for (const change of changes) {
      const entry = change.after ?? change.before;
      if (!entry) continue; // a change always has one side; nothing to say otherwise
      const data: RegistryEventData = { id: entry.id, kind: entry.kind, meta: entry.meta, data: entry.data, version };
      // Cannot fail: system, kind and path are non-empty by construction.
      bus.publish({ system: REGISTRY_SYSTEM, kind: REGISTRY_EVENT_KINDS[change.op], path: change.id, data });
    }
  });
}
