/**
 * WorkflowMailbox — a run's inbox, listeners and events, fed only by the replay engine with
 * recorded `signal.received` and `cancel.requested` events, so that what the code receives,
 * and when, is the same on every replay.
 *
 * Same rules as a process mailbox (LUA_API.md §3): a message whose topic has a listener goes
 * to the listener, every other one to the inbox; `listen` on the same topic returns the same
 * channel; `unlisten` closes it and its topic goes back to the inbox. Channels are unbounded.
 *
 * In: messages and events from the engine. Out: the channels the Lua `process` module shows.
 */
import { Channel, checkTopic, ok, UNBOUNDED, type Message, type ProcessEvent, type Result } from "../kernel";
import type { WorkflowMailboxPort } from "../lua/modules/workflow";

interface Listener {
  readonly channel: Channel<Message>;
  readonly message: boolean;
}

export class WorkflowMailbox implements WorkflowMailboxPort {
  private readonly inboxChannel = new Channel<Message>(UNBOUNDED);
  private readonly eventsChannel = new Channel<ProcessEvent>(UNBOUNDED);
  private readonly listeners = new Map<string, Listener>();

  inbox(): Channel<Message> {
    return this.inboxChannel;
  }

  events(): Channel<ProcessEvent> {
    return this.eventsChannel;
  }

  listen(topic: string, message: boolean): Result<{ channel: Channel<Message>; message: boolean }> {
    const checked = checkTopic(topic);
    if (!checked.ok) return checked;
    let listener = this.listeners.get(topic);
    if (listener === undefined) {
      listener = { channel: new Channel<Message>(UNBOUNDED), message };
      this.listeners.set(topic, listener);
    }
    return ok(listener);
  }

  unlisten(channel: Channel<Message>): boolean {
    for (const [topic, listener] of this.listeners) {
      if (listener.channel !== channel) continue;
      this.listeners.delete(topic);
      channel.close();
      return true;
    }
    return false;
  }

  deliver(message: Message): void {
    (this.listeners.get(message.topic)?.channel ?? this.inboxChannel).trySend(message);
  }

  deliverEvent(event: ProcessEvent): void {
    this.eventsChannel.trySend(event);
  }
}
