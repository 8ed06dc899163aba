/**
 * Mailbox — where messages and events for one process land (LUA_API.md §3).
 *
 * Terms:
 * - inbox: an unbounded channel of `Message`; gets every message whose topic has no listener.
 * - listener: `listen(topic)` creates an unbounded channel for that topic; from then on such
 *   messages go there instead of the inbox. `message` records whether the Lua side wants
 *   Message objects or raw payload data (the kernel always delivers `Message`s; the Lua layer
 *   presents them). Listening again on a topic returns the same listener (same channel).
 * - `unlisten(ch)` closes the channel (a blocked receiver gets `nil, false`; buffered messages
 *   can still be drained) and later messages of that topic go to the inbox.
 * - events: an unbounded channel of `ProcessEvent`.
 * Channels are created on first use and closed when the process exits.
 *
 * In: messages, events. Out: the same, on the right channel, in arrival order.
 */

import { Channel, UNBOUNDED } from "./channel";
import { ok, type Result } from "./errors";
import type { ProcessEvent } from "./events";
import { checkTopic, type Message } from "./message";

export interface ListenOptions {
  readonly message?: boolean;
}

export interface Listener {
  readonly topic: string;
  readonly channel: Channel<Message>;
  readonly message: boolean;
}

export class Mailbox {
  private inboxChannel: Channel<Message> | null = null;
  private eventsChannel: Channel<ProcessEvent> | null = null;
  private listeners: Map<string, Listener> | null = null;

  inbox(): Channel<Message> {
    return (this.inboxChannel ??= labeled(new Channel<Message>(UNBOUNDED), "inbox"));
  }

  events(): Channel<ProcessEvent> {
    return (this.eventsChannel ??= labeled(new Channel<ProcessEvent>(UNBOUNDED), "events"));
  }

  /** Messages delivered and not yet received, in the inbox and every listener. */
  get queued(): number {
    let n = this.inboxChannel?.size ?? 0;
    for (const listener of this.listeners?.values() ?? []) n += listener.channel.size;
    return n;
  }

  deliver(message: Message): void {
    const target = this.listeners?.get(message.topic)?.channel ?? this.inbox();
    // A body may close its own inbox or listener channel; messages for it are then dropped,
    // as they would be for a process that stopped reading.
    target.trySend(message);
  }

  deliverEvent(event: ProcessEvent): void {
    this.events().trySend(event);
  }

  listen(topic: string, options: ListenOptions = {}): Result<Listener> {
    const checked = checkTopic(topic);
    if (!checked.ok) return checked;
    const listeners = (this.listeners ??= new Map());
    const existing = listeners.get(topic);
    if (existing !== undefined) return ok(existing);
    const listener: Listener = { topic, channel: labeled(new Channel<Message>(UNBOUNDED), `topic:${topic}`), message: options.message === true };
    listeners.set(topic, listener);
    return ok(listener);
  }

  unlisten(channel: Channel<Message>): boolean {
    if (this.listeners === null) return false;
    for (const [topic, listener] of this.listeners) {
      if (listener.channel !== channel) continue;
      this.listeners.delete(topic);
      channel.close();
      return true;
    }
    return false;
  }

  close(): void {
    this.inboxChannel?.close();
    this.eventsChannel?.close();
    for (const listener of this.listeners?.values() ?? []) listener.channel.close();
  }
}

function labeled<T>(channel: Channel<T>, label: string): Channel<T> {
  channel.label = label;
  return channel;
}
