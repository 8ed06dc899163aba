/**
 * What the node streams to the control plane while connected (`/nodes` protocol, @wippy/shared
 * `control/node-wire.ts`):
 *
 * - `tree` — the whole supervision tree, at once on connect and then after each supervision
 *   change (a start, a crash, a restart), coalesced over `treeDebounceMs`, so the canvas shows a
 *   crash and its restart well within a second. Always on: the tree is small.
 * - `processes` — a delta of the process table every `processesMs`, only while watched;
 * - `logs` — new log lines every `logsMs`, only while watched.
 * Watching is a lease (`watch({processes, logs, ttlMs})`) that servers with watchers renew:
 * with nobody looking, the node computes nothing.
 *
 * `snapshot()` (the `inspect.snapshot` command) first sends the pending process delta, then
 * returns the table at that seq, so a browser's snapshot and the deltas after it fit together.
 *
 * In: the node, its log buffer. Out: frames through the `TelemetrySink` of the connection.
 */
import type { LiveTreeNode, LogLine, ProcessDelta, ProcessSnapshot } from "@wippy/shared";
import type { RuntimeNode } from "@wippy/runtime/node";
import { liveTree, processRows, type LiveSource } from "./live-state";
import type { LogBuffer } from "./log-buffer";
import { ProcessDeltas } from "./process-deltas";

export const DEFAULT_TELEMETRY = Object.freeze({ treeDebounceMs: 50, processesMs: 1_000, logsMs: 200, maxLogBatch: 500 });
export type TelemetryTiming = typeof DEFAULT_TELEMETRY;

export interface TelemetrySink {
  tree(frame: { at: number; tree: LiveTreeNode }): void;
  processes(delta: ProcessDelta): void;
  logs(lines: LogLine[]): void;
}

export type TelemetrySource = LiveSource & Pick<RuntimeNode, "supervision">;

export class TelemetryStreamer {
  private sink: TelemetrySink | null = null;
  private readonly deltas = new ProcessDeltas();
  private processesUntil = 0;
  private logsUntil = 0;
  private pendingLogs: LogLine[] = [];
  private treeTimer: NodeJS.Timeout | undefined;
  private processTimer: NodeJS.Timeout | undefined;
  private logTimer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly node: TelemetrySource,
    logs: LogBuffer,
    private readonly timing: TelemetryTiming = DEFAULT_TELEMETRY,
  ) {
    this.unsubscribe.push(node.supervision.subscribe(() => this.scheduleTree()));
    this.unsubscribe.push(
      logs.onLine((line) => {
        if (this.sink === null || Date.now() > this.logsUntil) return;
        // Past the batch limit the oldest pending lines go: the view is live, not an archive.
        if (this.pendingLogs.push(line) > this.timing.maxLogBatch) this.pendingLogs.shift();
      }),
    );
  }

  /** A connection is up: frames go to `sink`, starting with the tree. */
  attach(sink: TelemetrySink): void {
    this.sink = sink;
    this.emitTree();
    this.processTimer = setInterval(() => this.tickProcesses(), this.timing.processesMs);
    this.logTimer = setInterval(() => this.flushLogs(), this.timing.logsMs);
  }

  /** The connection ended: nothing is sent, watches lapse. */
  detach(): void {
    this.sink = null;
    this.processesUntil = 0;
    this.logsUntil = 0;
    this.pendingLogs = [];
    clearTimeout(this.treeTimer);
    clearInterval(this.processTimer);
    clearInterval(this.logTimer);
    this.treeTimer = undefined;
  }

  watch(request: { processes: boolean; logs: boolean; ttlMs: number }): void {
    const until = Date.now() + request.ttlMs;
    if (request.processes) this.processesUntil = Math.max(this.processesUntil, until);
    if (request.logs) this.logsUntil = Math.max(this.logsUntil, until);
  }

  snapshot(): ProcessSnapshot {
    const rows = processRows(this.node);
    const { delta, seq } = this.deltas.snapshot(rows);
    if (delta) this.sink?.processes(delta);
    return { seq, at: Date.now(), tree: liveTree(this.node.tree()), processes: rows };
  }

  stop(): void {
    this.detach();
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private scheduleTree(): void {
    if (this.sink === null || this.treeTimer !== undefined) return;
    this.treeTimer = setTimeout(() => {
      this.treeTimer = undefined;
      this.emitTree();
    }, this.timing.treeDebounceMs);
  }

  private emitTree(): void {
    this.sink?.tree({ at: Date.now(), tree: liveTree(this.node.tree()) });
  }

  private tickProcesses(): void {
    if (this.sink === null || Date.now() > this.processesUntil) return;
    const delta = this.deltas.next(processRows(this.node));
    if (delta) this.sink.processes(delta);
  }

  private flushLogs(): void {
    if (this.sink === null || this.pendingLogs.length === 0) return;
    const lines = this.pendingLogs;
    this.pendingLogs = [];
    this.sink.logs(lines);
  }
}
