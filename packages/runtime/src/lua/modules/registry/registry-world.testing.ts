/**
 * A registry world for the `registry` module tests: a fresh test database, a `RegistryStore`
 * on it, and a `RegistryView` following it (LISTEN + catch-up), as on a node. Lua runs on a
 * simulated kernel clock; `run` interleaves kernel turns with the event loop, so promises of
 * the store settle while processes wait.
 */
import { RegistryStore } from "@wippy/db";
import { createTestDatabase, type TestDatabase, type TestTarget } from "@wippy/db/testing";
import type { ChangeOp, Entry } from "@wippy/shared";
import type { ExitReason, Pid } from "../../../kernel";
import { followRegistry, RegistryView, type RegistryFollower, type ViewLog } from "../../../registry/view";
import { luaTest, processEntry, type LuaTestOptions } from "../../test-support";
import { registryModule, type RegistryModuleDeps } from ".";

const quiet = (): void => undefined;
const QUIET_LOG: ViewLog = { debug: quiet, info: quiet, warn: quiet, error: quiet };

export const entry = (id: string, kind = "registry.entry", data: Entry["data"] = {}, meta: Entry["meta"] = {}): Entry => ({ id, kind, meta, data });

export interface RegistryWorld {
  readonly db: TestDatabase;
  readonly store: RegistryStore;
  readonly view: RegistryView;
  /** Commits `ops` as the test (not through Lua) and waits for the view to apply them. */
  write(ops: ChangeOp[]): Promise<number>;
  close(): Promise<void>;
}

export async function registryWorld(target: TestTarget): Promise<RegistryWorld> {
  const db: TestDatabase = await createTestDatabase(target);
  const store = new RegistryStore(db.sql);
  const view = new RegistryView({ log: QUIET_LOG });
  const follower: RegistryFollower = await followRegistry({ store, url: db.url, view, log: QUIET_LOG, safetyIntervalMs: 3_600_000 });
  return {
    db,
    store,
    view,
    async write(ops) {
      const commit = await store.apply(ops, { author: "test", source: "api" });
      if (!commit.ok) throw new Error(`test write failed: ${commit.error.message}`);
      await viewAt(view, commit.value.version.id);
      return commit.value.version.id;
    },
    async close() {
      await follower.close();
      await db.drop();
    },
  };
}

/** Resolves once `view` has applied `version`. */
export function viewAt(view: RegistryView, version: number, timeoutMs = 10_000): Promise<void> {
  if (view.version >= version) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`view stuck at ${view.version}, waiting for ${version}`));
    }, timeoutMs);
    const stop = view.subscribe((u) => {
      if (u.version < version) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2));

/** A Lua world whose `app:main` may `require("registry")`, `time` and `json`. */
export function luaWithRegistry(main: string, deps: RegistryModuleDeps, options: LuaTestOptions = {}) {
  return luaTest(
    {
      "app:main": processEntry(`local registry = require("registry")\nlocal time = require("time")\nreturn { main = function(...)\n${main}\nend }`, {
        modules: ["registry", "time"],
      }),
    },
    { ...options, modules: [registryModule(deps), ...(options.modules ?? [])] },
  );
}

type LuaWorld = ReturnType<typeof luaWithRegistry>;

/** Runs the kernel (advancing the simulated clock `stepMs` per round) until `pid` exits. */
export async function untilExit(t: LuaWorld, pid: Pid, stepMs = 0, timeoutMs = 20_000): Promise<ExitReason> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    t.settle(stepMs);
    const exit = t.exit(pid);
    if (exit !== undefined) return exit;
    if (Date.now() > deadline) throw new Error(`process ${pid} did not exit within ${timeoutMs}ms`);
    await tick();
  }
}

/** Runs `main` to its exit. */
export async function runRegistryLua(main: string, deps: RegistryModuleDeps, args: unknown[] = []) {
  const t = luaWithRegistry(main, deps);
  const pid = t.spawn("app:main", args);
  return { exit: await untilExit(t, pid), t, pid };
}

export const normal = (value: unknown) => ({ kind: "normal", value });
