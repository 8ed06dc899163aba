/**
 * ProcessRecord — the kernel's bookkeeping for one process. Internal: bodies see a
 * `ProcessContext`, never the record.
 *
 * Terms:
 * - `state`: `ready` (in its host's run queue), `running` (inside `resume`), `waiting`
 *   (parked on channels through `waiter`), `exited` (gone from the process table).
 * - `wake`: the reason the next `resume` will get.
 * - `pendingExit`: a kill that arrived while the process was running; applied when its turn ends.
 * - `links` / `monitors` (whom I monitor) / `monitoredBy` / `exitWatchers` / `names` /
 *   `mailbox`: created on first use, so an idle process costs one object plus its pid.
 *
 * In: a select outcome (it is its own `SelectOwner`). Out: itself, made ready on its host.
 */

import type { Channel, SelectOutcome } from "./channel";
import { START, type Behaviour, type BehaviourFactory, type ProcessContext, type Wake } from "./behaviour";
import type { ExitEvent } from "./events";
import type { ExitReason } from "./exit";
import type { Host } from "./host";
import { Mailbox } from "./mailbox";
import type { Pid } from "./pid";
import type { SelectOwner, SelectWaiter } from "./select";

export type ProcessState = "ready" | "running" | "waiting" | "exited";

export class ProcessRecord implements SelectOwner {
  state: ProcessState = "ready";
  queued = false;
  wake: Wake = START;
  behaviour: Behaviour | null = null;
  context: ProcessContext | null = null;
  waiter: SelectWaiter | null = null;
  trapLinks = false;
  links: Set<ProcessRecord> | null = null;
  monitors: Set<ProcessRecord> | null = null;
  monitoredBy: Set<ProcessRecord> | null = null;
  exitWatchers: Channel<ExitEvent>[] | null = null;
  names: Set<string> | null = null;
  mailbox: Mailbox | null = null;
  pendingExit: ExitReason | null = null;
  exitReason: ExitReason | null = null;
  /** Work units left in the current turn. */
  budgetLeft = 0;
  yieldRequested = false;
  /** Work units spent over the process's life (Erlang's reductions). */
  reductions = 0;

  constructor(
    readonly pid: Pid,
    readonly id: string,
    readonly host: Host,
    readonly startedAt: number,
    public factory: BehaviourFactory | null,
    public args: readonly unknown[] | null,
  ) {}

  onSelected(outcome: SelectOutcome): void {
    this.waiter = null;
    this.wake = { kind: "selected", outcome };
    this.host.makeReady(this);
  }
}

export function mailboxOf(proc: ProcessRecord): Mailbox {
  return (proc.mailbox ??= new Mailbox());
}
