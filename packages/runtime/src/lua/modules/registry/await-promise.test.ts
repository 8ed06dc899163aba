import type { Entry } from "@wippy/shared";
import { describe, expect, it } from "vitest";
import { Kernel, Pump, RealClock, type ExitReason, type Pid } from "../../../kernel";
import { RegistryView } from "../../../registry/view";
import { LuaRuntime } from "../../runtime";
import { entry, HOST, unwrap } from "../../test-support";
import type { RegistryStorePort } from "./access";
import { registryModule } from ".";

const later = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));
const never = (): Promise<never> => Promise.reject(new Error("unused"));

describe("blockOnPromise: waiting on the store blocks the coroutine, not the host", () => {
  it("a process waiting on a slow store call lets the others run; it resumes when the promise settles", async () => {
    const versions = [3, 2, 1].map((id) => ({ id, createdAt: new Date(0), author: "t", source: "api" as const, message: "", baseVersion: null }));
    const store: RegistryStorePort = { listVersions: () => later(60, versions), snapshotAt: never, getVersion: never, apply: never, applyVersion: never, diff: never };
    const exits = new Map<Pid, ExitReason>();
    const order: string[] = [];
    const pump = new Pump((run) => void setImmediate(run));
    const kernel = new Kernel({ clock: new RealClock(), onWork: pump.onWork, observer: {
        exited: (pid, id, reason) => {
          exits.set(pid, reason);
          order.push(id);
        },
      },
    });
    pump.attach(kernel);
    unwrap(kernel.hosts.add(HOST, {}));
    const entries = new Map<string, Entry>([
      ["app:reader", entry("app:reader", "process.lua", `local registry = require("registry")\nreturn { main = function() local l = registry.versions(); return { #l, l[1]:id(), l[3]:id() } end }`, { modules: ["registry"] })],
      ["app:ticker", entry("app:ticker", "process.lua", `local time = require("time")\nreturn { main = function() for i = 1, 5 do time.sleep("2ms") end; return "ticked" end }`, { modules: ["time"] })],
    ]);
    const runtime = new LuaRuntime({ kernel, resolveEntry: (id) => entries.get(id), modules: [registryModule({ view: new RegistryView(), store })] });
    const reader = unwrap(runtime.spawn("app:reader", HOST));
    const ticker = unwrap(runtime.spawn("app:ticker", HOST));
    const deadline = Date.now() + 5_000;
    while (!exits.has(reader) && Date.now() < deadline) await later(5, null);
    expect(exits.get(ticker)).toEqual({ kind: "normal", value: "ticked" });
    expect(exits.get(reader)).toEqual({ kind: "normal", value: [3, 1, 3] });
    expect(order).toEqual(["app:ticker", "app:reader"]);
  });
});
