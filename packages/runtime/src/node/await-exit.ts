/**
 * Waiting for a process to exit from outside the kernel (TS code: the CLI, tests, the node).
 * The kernel hands out a one-shot exit channel; this turns it into a promise by parking a
 * select waiter whose owner resolves it.
 */
import { receiveCase, select, SelectWaiter, type ExitEvent, type ExitResult, type Kernel, type Pid, type Result, type SelectOutcome } from "../kernel";

export function waitForExit(kernel: Kernel, pid: Pid): Result<Promise<ExitResult>> {
  const channel = kernel.awaitExit(pid);
  if (!channel.ok) return channel;
  const promise = new Promise<ExitResult>((resolve) => {
    const settle = (outcome: SelectOutcome) => {
      if (outcome.kind === "received") resolve((outcome.value as ExitEvent).result);
    };
    const now = select([receiveCase(channel.value)], { onSelected: settle });
    if (!(now instanceof SelectWaiter)) settle(now);
  });
  return { ok: true, value: promise };
}
