/**
 * The supervision canvas's vocabulary — every term and default before any code. Framework-free:
 * nothing under lib/supervision imports React or React Flow.
 *
 * Terms:
 * - tree node: a `process.supervisor` or `process.service` entry (the canvas edits exactly
 *   these two kinds), plus the node's root supervisor `ROOT_ID`, which is not an entry.
 * - parent: the supervisor a child hangs under — `meta.supervisor`, or the root when absent.
 * - start order: `meta.order` (default 0), then id — the order a supervisor starts its children.
 * - catalog: every other registry entry, by id → kind; the canvas reads hosts, `process.lua`
 *   entries and dependency targets from it and never writes them.
 * - live state: what a runtime node reports about a running child (filled in by telemetry;
 *   absent until then — the canvas shows nothing rather than a guess).
 */
import { DEFAULT_SUPERVISOR_CONFIG, ROOT_SUPERVISOR } from "@wippy/runtime/supervision";
import type { JsonObject } from "@wippy/shared";

export const ROOT_ID: string = ROOT_SUPERVISOR.id;

export const SUPERVISOR_KIND = "process.supervisor";
export const SERVICE_KIND = "process.service";
export const PROCESS_KIND = "process.lua";
export const TREE_KINDS: ReadonlySet<string> = new Set([SUPERVISOR_KIND, SERVICE_KIND]);

/** What a service may be spawned on (the runtime's `HOST_KINDS`, node/hosts.ts). */
export const HOST_KINDS: ReadonlySet<string> = new Set(["process.host", "terminal.host"]);

export type TreeNodeKind = "root" | "supervisor" | "service";

/** `meta.order` of a child that gives none (the runtime's `DEFAULT_CHILD_ORDER`). */
export const DEFAULT_ORDER = 0;

/**
 * What a node drawn from the palette starts with: it starts with the node (a drawing is
 * usually meant to run), and a supervisor states the runtime's defaults so they can be seen
 * and edited.
 */
export const DEFAULT_NEW_SUPERVISOR_DATA: JsonObject = Object.freeze({
  strategy: DEFAULT_SUPERVISOR_CONFIG.strategy,
  intensity: DEFAULT_SUPERVISOR_CONFIG.intensity,
  period: `${DEFAULT_SUPERVISOR_CONFIG.periodMs / 1000}s`,
  lifecycle: { auto_start: true },
});

export const DEFAULT_NEW_SERVICE_DATA: JsonObject = Object.freeze({ lifecycle: { auto_start: true } });

import type { LiveState } from "@/lib/live/supervision-state";

export type { LiveState };

/** One child as the runtime nodes report it (lib/live/canvas-live.ts folds several nodes). */
export interface LiveNodeState {
  readonly state: LiveState;
  /** Its pid, when one node runs it. */
  readonly pid?: string;
  /** Restarts on every node together. */
  readonly restarts: number;
  /** When its current run started (ms, this browser's clock), when one node runs it. */
  readonly startedAt?: number;
  /** When it last exited (on any node): a change makes the canvas flash it. */
  readonly lastExitAt?: number;
  /** How many nodes report it. */
  readonly nodes: number;
}

/** Live states by entry id; an id without one shows no live state. */
export type LiveMap = ReadonlyMap<string, LiveNodeState>;

export const NO_LIVE_DATA: LiveMap = new Map();

/** Ends a `switch` over a union: a new variant becomes a compile error here. */
export function unreachable(value: never): never {
  throw new Error(`unexpected variant: ${JSON.stringify(value)}`);
}
