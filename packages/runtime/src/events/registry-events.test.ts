import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { RegistryView } from "../registry/view";
import type { BusEvent } from "./bus-event";
import { EventBus } from "./event-bus";
import { publishRegistryChanges } from "./registry-events";

const entry = (id: string, data: Entry["data"] = {}, kind = "registry.entry"): Entry => ({ id, kind, meta: { owner: "t" }, data });

function drainAll(channel: { tryReceive(): { value: BusEvent | undefined; ok: boolean } | null }): BusEvent[] {
  const out: BusEvent[] = [];
  for (let r = channel.tryReceive(); r?.ok; r = channel.tryReceive()) out.push(r.value as BusEvent);
  return out;
}

describe("publishRegistryChanges", () => {
  it("publishes entry.create|update|delete with the entry id as path and the entry plus version as data", () => {
    const view = new RegistryView();
    const bus = new EventBus();
    const sub = bus.subscribe("registry");
    if (!sub.ok) throw new Error(sub.error.message);
    publishRegistryChanges(view, bus);

    view.applyDelta({ version: { id: 1 }, changes: [{ id: "app:cfg", op: "create", entry: entry("app:cfg", { n: 1 }) }] });
    view.applyDelta({
      version: { id: 2 },
      changes: [
        { id: "app:cfg", op: "update", entry: entry("app:cfg", { n: 2 }) },
        { id: "app:fn", op: "create", entry: entry("app:fn", {}, "function.lua") },
      ],
    });
    view.applyDelta({ version: { id: 3 }, changes: [{ id: "app:fn", op: "delete", entry: null }] });

    expect(drainAll(sub.value.channel)).toEqual([
      { system: "registry", kind: "entry.create", path: "app:cfg", data: { ...entry("app:cfg", { n: 1 }), version: 1 } },
      { system: "registry", kind: "entry.update", path: "app:cfg", data: { ...entry("app:cfg", { n: 2 }), version: 2 } },
      { system: "registry", kind: "entry.create", path: "app:fn", data: { ...entry("app:fn", {}, "function.lua"), version: 2 } },
      // A delete carries the entry as it was.
      { system: "registry", kind: "entry.delete", path: "app:fn", data: { ...entry("app:fn", {}, "function.lua"), version: 3 } },
    ]);
  });

  it("kind filters work on registry events, and the returned function stops publishing", () => {
    const view = new RegistryView();
    const bus = new EventBus();
    const deletes = bus.subscribe("registry", "entry.delete");
    if (!deletes.ok) throw new Error(deletes.error.message);
    const stop = publishRegistryChanges(view, bus);
    view.applyDelta({ version: { id: 1 }, changes: [{ id: "app:a", op: "create", entry: entry("app:a") }] });
    view.applyDelta({ version: { id: 2 }, changes: [{ id: "app:a", op: "delete", entry: null }] });
    stop();
    view.applyDelta({ version: { id: 3 }, changes: [{ id: "app:b", op: "create", entry: entry("app:b") }] });
    view.applyDelta({ version: { id: 4 }, changes: [{ id: "app:b", op: "delete", entry: null }] });
    expect(drainAll(deletes.value.channel).map((e) => `${e.kind} ${e.path}`)).toEqual(["entry.delete app:a"]);
  });
});
