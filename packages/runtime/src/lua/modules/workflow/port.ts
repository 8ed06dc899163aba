/**
 * WorkflowPort — what the Lua modules of a workflow (the code that runs *inside* the
 * deterministic sandbox) ask of the replay engine (`workflow/`, outside it). The engine
 * implements one port per run; the modules find it through `PortOf` for the calling process.
 *
 * Terms:
 * - Command: a request whose outcome must be recorded (`WorkflowCommand`). The engine numbers
 *   commands in the order the code issues them; on replay it answers each from the history,
 *   live it executes and records it.
 * - Answer: `now` (the outcome is known at once: side effects, version markers, sends, replayed
 *   results already delivered), `later` (a one-shot channel that receives the outcome when the
 *   engine delivers it — activities, timers, children), or `halt`: the command diverged from the
 *   history; the calling thread must never continue (the engine stops the process).
 * - CallSite: where in the Lua source the command was issued, for `NonDeterminism` reports.
 * - Mailbox: the run's inbox, listeners and events — fed by the engine with recorded signals
 *   and cancel requests, never by the kernel.
 *
 * Values crossing the port are plain data (`copyOut`), errors are `WippyError`s.
 */
import type { Channel, Message, ProcessEvent, Result, WippyError } from "../../../kernel";
import type { LuaProcess } from "../../vm/lua-process";

export type SideEffectKind = "now" | "uuid" | "random" | "security";

/** Retry settings as the code gave them; the engine fills defaults. Durations in ms. */
export interface RetrySettings {
  readonly initialIntervalMs?: number;
  readonly backoff?: number;
  readonly maxIntervalMs?: number;
  readonly maxAttempts?: number;
  readonly nonRetryable?: readonly string[];
}

export interface ActivitySettings {
  readonly timeoutMs?: number;
  readonly retry?: RetrySettings;
  readonly context?: Readonly<Record<string, unknown>>;
}

export type WorkflowCommand =
  | { readonly kind: "activity"; readonly name: string; readonly args: readonly unknown[]; readonly settings: ActivitySettings }
  | { readonly kind: "timer"; readonly delayMs: number }
  | { readonly kind: "side_effect"; readonly name: SideEffectKind; readonly generate: () => string | number | boolean }
  | { readonly kind: "version"; readonly changeId: string; readonly min: number; readonly max: number }
  | { readonly kind: "child"; readonly workflow: string; readonly args: readonly unknown[] }
  | { readonly kind: "send"; readonly to: string; readonly topic: string; readonly payloads: readonly unknown[] };

export type Resolution = { readonly value: unknown } | { readonly error: WippyError };

export type CommandAnswer =
  | { readonly kind: "now"; readonly resolution: Resolution }
  | { readonly kind: "later"; readonly channel: Channel<Resolution> }
  | { readonly kind: "halt" };

export interface CallSite {
  readonly source: string;
  readonly line: number;
}

export interface WorkflowMailboxPort {
  inbox(): Channel<Message>;
  listen(topic: string, message: boolean): Result<{ channel: Channel<Message>; message: boolean }>;
  unlisten(channel: Channel<Message>): boolean;
  events(): Channel<ProcessEvent>;
}

export interface WorkflowPort {
  /** The run's pid, stable across nodes: `{<workflow host>|<run id>}`. */
  readonly pid: string;
  readonly runId: string;
  readonly mailbox: WorkflowMailboxPort;
  issue(command: WorkflowCommand, site: CallSite): CommandAnswer;
}

export type PortOf = (proc: LuaProcess) => WorkflowPort | undefined;
