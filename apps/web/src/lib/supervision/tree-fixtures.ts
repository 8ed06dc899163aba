/**
 * Trees for the unit tests of lib/supervision: the pipeline of examples/supervision-tree as it
 * sits in the registry (ids absolute), and builders for the cases the tests bend it into.
 */
import type { Entry, JsonObject } from "@wippy/shared";
import { buildModel, type CatalogItem, type TreeModel } from "./model";

export function supervisor(id: string, meta: JsonObject = {}, data: JsonObject = {}): Entry {
  return { id, kind: "process.supervisor", meta, data: { strategy: "one_for_one", ...data } };
}

export function service(id: string, meta: JsonObject = {}, data: JsonObject = {}): Entry {
  return { id, kind: "process.service", meta, data: { process: "pipeline:worker", host: "pipeline:processes", ...data } };
}

export const CATALOG: readonly CatalogItem[] = [
  { id: "pipeline:processes", kind: "process.host" },
  { id: "pipeline:worker", kind: "process.lua" },
  { id: "pipeline:settings", kind: "registry.entry" },
  { id: "pipeline:flows", kind: "workflow.host" },
];

/** wippy:root → pipeline:root (rest_for_one) → workers (one_for_one) → flaky, greeter; producer. */
export const PIPELINE: readonly Entry[] = [
  supervisor("pipeline:root", { title: "The top" }, { strategy: "rest_for_one", intensity: 3, period: "1m", lifecycle: { auto_start: true } }),
  supervisor("pipeline:workers", { supervisor: "pipeline:root", order: 1 }, { intensity: 5, period: "10s", lifecycle: { auto_start: true, restart_type: "permanent" } }),
  service("pipeline:flaky", { supervisor: "pipeline:workers", order: 1 }),
  service("pipeline:greeter", { supervisor: "pipeline:workers", order: 2 }, { custom_field: { kept: true } }),
  service("pipeline:producer", { supervisor: "pipeline:root", order: 2 }, { input: ["1s"] }),
];

export function pipeline(changed: readonly Entry[] = [], catalog: readonly CatalogItem[] = CATALOG): TreeModel {
  const byId = new Map(PIPELINE.map((e) => [e.id, e]));
  for (const entry of changed) byId.set(entry.id, entry);
  return buildModel(byId.values(), catalog);
}

export function entryOf(model: TreeModel, id: string): Entry {
  const entry = model.entries.get(id);
  if (!entry) throw new Error(`${id} is not in the model`);
  return entry;
}
