/**
 * Messages between processes (LUA_API.md §3).
 *
 * Terms:
 * - `Message`: `{topic, from, payloads}`. `from` is the sender's pid, `""` for the system.
 *   Payloads are opaque to the kernel: the Lua layer deep-copies them before `send`, so no
 *   two processes share a mutable value.
 * - Reserved topics: those starting with `@` belong to the runtime (`@inbox`, `@events`);
 *   sending to or listening on one is `Invalid`. The empty topic is `Invalid` too.
 *
 * In: a topic to check. Out: `Result<string>`.
 */

import { invalid, ok, type Result } from "./errors";
import type { Pid } from "./pid";

export interface Message {
  readonly topic: string;
  readonly from: Pid;
  readonly payloads: readonly unknown[];
}

export const RESERVED_TOPIC_PREFIX = "@";

export function checkTopic(topic: string): Result<string> {
  if (topic.length === 0) return invalid("topic must not be empty");
  if (topic.startsWith(RESERVED_TOPIC_PREFIX)) {
    return invalid(`topic "${topic}" is reserved: topics starting with "${RESERVED_TOPIC_PREFIX}" belong to the runtime`);
  }
  return ok(topic);
}
