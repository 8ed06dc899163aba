/**
 * Running a control-plane command on this node and turning the outcome into a `NodeReply`
 * (commands: @wippy/shared `control/node-wire.ts`).
 *
 * - `function.call` — functions.ts.
 * - `process.send` / `process.cancel` / `process.terminate` — as the system (`from` = ""), to a
 *   pid or a registered name; a dead pid or unknown name comes back as the kernel's error
 *   (`NotFound`, "… not found"), never as an exception.
 * - `service.restart` — by the service's supervisor, counted as a restart; unknown → `NotFound`.
 * - `inspect.snapshot`, `inspect.process`, `logs.recent`, `telemetry.watch` — reads of the
 *   node's live state (telemetry.ts, live-state.ts, message-traces.ts, log-buffer.ts).
 */
import type { CommandEnvelope, JsonValue, NodeCommand, NodeReply, ProcessDetail } from "@wippy/shared";
import type { Result } from "@wippy/runtime/kernel";
import type { RuntimeNode } from "@wippy/runtime/node";
import { callFunction } from "./functions";
import { processRow, type LiveSource } from "./live-state";
import type { LogBuffer } from "./log-buffer";
import type { MessageTraces } from "./message-traces";
import type { TelemetryStreamer } from "./telemetry";

/** How many of a process's recent log lines its page shows. */
const PROCESS_LOG_LINES = 100;

/** The part of a runtime node that commands use. */
export type CommandTarget = Pick<RuntimeNode, "call" | "kernel" | "view" | "supervision"> & LiveSource;

export interface NodeControl {
  readonly node: CommandTarget;
  readonly telemetry: TelemetryStreamer;
  readonly traces: MessageTraces;
  readonly logs: LogBuffer;
}

export async function runNodeCommand(control: NodeControl, { command, timeoutMs }: CommandEnvelope): Promise<NodeReply> {
  const { node } = control;
  switch (command.type) {
    case "function.call":
      return callFunction(node, command.id, command.args, timeoutMs);
    case "process.send":
      return done(node.kernel.send(command.dest, command.topic, command.payload === undefined ? [] : [command.payload]));
    case "process.cancel":
      return done(node.kernel.cancel(command.dest, command.reason));
    case "process.terminate":
      return done(node.kernel.terminate(command.dest));
    case "service.restart":
      return done(node.supervision.restart(command.id));
    case "inspect.snapshot":
      return { ok: true, value: control.telemetry.snapshot() as unknown as JsonValue };
    case "inspect.process":
      return inspectProcess(control, command.pid);
    case "logs.recent":
      return { ok: true, value: control.logs.recent(command.limit) as unknown as JsonValue };
    case "telemetry.watch":
      control.telemetry.watch(command);
      return { ok: true, value: null };
    default:
      return assertNever(command);
  }
}

function done(result: Result<true>): NodeReply {
  return result.ok ? { ok: true, value: true } : { ok: false, kind: result.error.kind, message: result.error.message };
}

function inspectProcess(control: NodeControl, dest: string): NodeReply {
  const { node } = control;
  const row = processRow(node, dest);
  const messages = row && control.traces.touch(row.pid);
  if (!row || !messages) return { ok: false, kind: "NotFound", message: `process ${dest} not found on this node (it may have exited)` };
  const detail: ProcessDetail = {
    row,
    messages,
    logs: control.logs.recent(PROCESS_LOG_LINES, (line) => line.pid === row.pid),
    entry: (row.entry && (node.view.get(row.entry) as unknown as JsonValue)) || null,
    serviceEntry: (row.service && (node.view.get(row.service) as unknown as JsonValue)) || null,
  };
  return { ok: true, value: detail as unknown as JsonValue };
}

function assertNever(value: never): never {
  throw new Error(`unknown command: ${JSON.stringify(value as NodeCommand)}`);
}
