/**
 * The operator's actions on a process (tRPC `processes.send|cancel|terminate|restartService`),
 * as the UI checks and reports them:
 *
 * - `readMessageDraft`: the send dialog's topic and JSON payload text → what to send, or the
 *   reason it cannot be sent — the same rules the server applies (a topic, not `@…`, at most
 *   200 characters; a payload that parses and is at most `MAX_COMMAND_PAYLOAD_CHARS` of JSON;
 *   an empty payload sends none);
 * - `describeOutcome`: the node's reply → the toast people see. A reply `ok: false` (a dead
 *   pid is `NotFound`) is an outcome like any other, told as a warning.
 */
import { MAX_COMMAND_PAYLOAD_CHARS, type JsonValue, type NodeReply } from "@wippy/shared";
import type { ToastTone } from "@/lib/toast-store";

export type ProcessAction = "send" | "cancel" | "terminate" | "restart";

export const MAX_TOPIC_CHARS = 200;

export type MessageDraft = { ok: true; topic: string; payload: JsonValue | undefined } | { ok: false; field: "topic" | "payload"; message: string };

export function readMessageDraft(topicText: string, payloadText: string): MessageDraft {
  const topic = topicText.trim();
  if (topic === "") return { ok: false, field: "topic", message: "a topic is required" };
  if (topic.startsWith("@")) return { ok: false, field: "topic", message: "topics beginning with @ are reserved for the runtime" };
  if (topic.length > MAX_TOPIC_CHARS) return { ok: false, field: "topic", message: `at most ${MAX_TOPIC_CHARS} characters` };
  if (payloadText.trim() === "") return { ok: true, topic, payload: undefined };
  let payload: JsonValue;
  try {
    payload = JSON.parse(payloadText) as JsonValue;
  } catch (error) {
    return { ok: false, field: "payload", message: `not valid JSON: ${(error as Error).message}` };
  }
  if (JSON.stringify(payload).length > MAX_COMMAND_PAYLOAD_CHARS) return { ok: false, field: "payload", message: `larger than ${MAX_COMMAND_PAYLOAD_CHARS.toLocaleString("en-US")} characters of JSON` };
  return { ok: true, topic, payload };
}

export interface ActionSubject {
  readonly pid: string;
  readonly service?: string;
  readonly topic?: string;
}

const DONE: Record<ProcessAction, (s: ActionSubject) => string> = {
  send: (s) => `Sent “${s.topic ?? ""}” to ${s.pid}`,
  cancel: (s) => `Asked ${s.pid} to cancel`,
  terminate: (s) => `Terminated ${s.pid}`,
  restart: (s) => `Restarted service ${s.service ?? ""}`,
};

const NOT_DONE: Record<ProcessAction, string> = {
  send: "The message was not delivered",
  cancel: "The process was not canceled",
  terminate: "The process was not terminated",
  restart: "The service was not restarted",
};

export function describeOutcome(action: ProcessAction, subject: ActionSubject, result: { reply: NodeReply; ms: number }): { tone: ToastTone; title: string; detail: string } {
  const { reply, ms } = result;
  if (reply.ok) return { tone: "success", title: DONE[action](subject), detail: `The node answered in ${ms} ms. Recorded in the audit log.` };
  return { tone: "warning", title: NOT_DONE[action], detail: `${reply.kind}: ${reply.message}` };
}
