/**
 * Sampled messages of the processes someone is looking at (the control plane's process page).
 *
 * Tracing is lazy: `touch(pid)` starts a kernel message tap on the process (or extends it) for
 * `ttlMs`; while it lasts, every message delivered to the process is kept — the newest
 * `keep`, each payload as JSON text cut at `MESSAGE_PREVIEW_CHARS`. The page polls, which
 * keeps the trace alive; once nobody asks for `ttlMs` the tap and its messages are dropped,
 * so an unwatched node pays nothing per message.
 *
 * In: the kernel, a clock. Out: the messages seen since the trace started, oldest first.
 */
import { MESSAGE_PREVIEW_CHARS, type SampledMessage } from "@wippy/shared";
import type { Kernel } from "@wippy/runtime/kernel";
import { toJsonValue } from "./json-value";

export const DEFAULT_TRACE = Object.freeze({ ttlMs: 30_000, keep: 50 });

interface Trace {
  readonly messages: SampledMessage[];
  readonly untap: () => void;
  expiresAt: number;
  timer: NodeJS.Timeout;
}

export class MessageTraces {
  private readonly traces = new Map<string, Trace>();

  constructor(
    private readonly kernel: Pick<Kernel, "tapMessages">,
    private readonly options = DEFAULT_TRACE,
  ) {}

  /** Starts or extends the trace of `pid`; its messages so far, or undefined if no such process. */
  touch(pid: string): SampledMessage[] | undefined {
    const now = Date.now();
    const existing = this.traces.get(pid);
    if (existing) {
      existing.expiresAt = now + this.options.ttlMs;
      return [...existing.messages];
    }
    const messages: SampledMessage[] = [];
    const tapped = this.kernel.tapMessages(pid, (message, at) => {
      messages.push(sample(message.topic, message.from, message.payloads, at));
      if (messages.length > this.options.keep) messages.shift();
    });
    if (!tapped.ok) return undefined;
    const trace: Trace = { messages, untap: tapped.value, expiresAt: now + this.options.ttlMs, timer: setTimeout(() => this.expire(pid), this.options.ttlMs) };
    trace.timer.unref();
    this.traces.set(pid, trace);
    return [];
  }

  /** Stops every trace (the agent stops). */
  clear(): void {
    for (const trace of this.traces.values()) {
      clearTimeout(trace.timer);
      trace.untap();
    }
    this.traces.clear();
  }

  private expire(pid: string): void {
    const trace = this.traces.get(pid);
    if (!trace) return;
    const left = trace.expiresAt - Date.now();
    if (left > 0) {
      trace.timer = setTimeout(() => this.expire(pid), left);
      trace.timer.unref();
      return;
    }
    trace.untap();
    this.traces.delete(pid);
  }
}

function sample(topic: string, from: string, payloads: readonly unknown[], at: number): SampledMessage {
  const text = JSON.stringify(payloads.length === 1 ? toJsonValue(payloads[0]) : toJsonValue(payloads));
  const truncated = text.length > MESSAGE_PREVIEW_CHARS;
  return { at, from, topic, preview: truncated ? `${text.slice(0, MESSAGE_PREVIEW_CHARS)}…` : text, truncated };
}
