/**
 * The probe: how Lua processes on the node tell the bench what they see, and when.
 *
 * Terms:
 * - `bench` (a global Lua module installed on the node): `bench.now()` is `performance.now()`
 *   in ms; `bench.report(kind, data?)` stamps the time first, then copies `data` (plain Lua
 *   data) out and hands `{kind, data, at}` to the bench.
 * - `next(kind, match)`: resolves with the first report of `kind` (or of one of a list of
 *   kinds) not yet taken whose data
 *   `match`es — including one that arrived before the call — or rejects after `timeoutMs`
 *   with the node's recent errors, so a broken scenario fails loudly instead of hanging.
 *
 * Lua and TS share one clock (`performance.now()` in this process), so report times and the
 * bench's own timestamps are directly comparable.
 */
import { performance } from "node:perf_hooks";
import { checkString, copyOut, defineModule, returnValue, type LuaFunction, type ModuleDefinition } from "@wippy/runtime/lua";

export interface Report {
  readonly kind: string;
  readonly data: Record<string, unknown>;
  /** `performance.now()` when `bench.report` was called. */
  readonly at: number;
}

interface Waiter {
  readonly kinds: readonly string[];
  readonly match: (data: Record<string, unknown>) => boolean;
  readonly resolve: (report: Report) => void;
}

export class Probe {
  private readonly pending: Report[] = [];
  private readonly waiters = new Set<Waiter>();

  constructor(
    private readonly timeoutMs: number,
    private readonly recentErrors: () => readonly string[],
  ) {}

  readonly module: ModuleDefinition = defineModule({
    name: "bench",
    global: true,
    functions: {
      now: ((L) => returnValue(L, performance.now())) satisfies LuaFunction,
      report: ((L) => {
        const at = performance.now();
        const kind = checkString(L, 1);
        const copied = copyOut(L, 2);
        const data = copied.ok && typeof copied.value === "object" && copied.value !== null ? (copied.value as Record<string, unknown>) : {};
        this.deliver({ kind, data, at });
        return 0;
      }) satisfies LuaFunction,
    },
  });

  /** The first report of `kind` (or of any of several kinds) whose data `match`es. */
  next(kind: string | readonly string[], match: (data: Record<string, unknown>) => boolean = () => true): Promise<Report> {
    const kinds = typeof kind === "string" ? [kind] : kind;
    const index = this.pending.findIndex((r) => kinds.includes(r.kind) && match(r.data));
    if (index >= 0) return Promise.resolve(this.pending.splice(index, 1)[0] as Report);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const errors = this.recentErrors();
        reject(new Error(`no ${kinds.map((k) => `"${k}"`).join(" or ")} report within ${this.timeoutMs} ms${errors.length > 0 ? `; the node's last errors:\n${errors.join("\n")}` : ""}`));
      }, this.timeoutMs);
      const waiter: Waiter = {
        kinds,
        match,
        resolve: (report) => {
          clearTimeout(timer);
          resolve(report);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Drops reports nobody asked for (between scenarios). */
  clear(): void {
    this.pending.length = 0;
  }

  private deliver(report: Report): void {
    for (const waiter of this.waiters) {
      if (!waiter.kinds.includes(report.kind) || !waiter.match(report.data)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(report);
      return;
    }
    this.pending.push(report);
  }
}
