/**
 * Process-wide shutdown hooks for embedded servers: one set of listeners, whatever the number
 * of servers this process holds.
 *
 * - SIGINT/SIGTERM: fast shutdown (`stop()`) of every server registered with `handleSignals`;
 *   then, if no one else listens for that signal, the signal is raised again so the process
 *   ends as it would have without us.
 * - 'exit' (a normal exit that skipped `stop()`): `stopOnExit()`, which must be synchronous.
 */
export interface Stoppable {
  stop(): Promise<void>;
  stopOnExit(): void;
}

const live = new Map<Stoppable, boolean>(); // server → wants signal handling
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

export function registerForShutdown(server: Stoppable, handleSignals: boolean): void {
  if (live.size === 0) process.on("exit", onExit);
  const hadSignals = wantsSignals();
  live.set(server, handleSignals);
  if (handleSignals && !hadSignals) for (const s of SIGNALS) process.on(s, onSignal);
}

export function unregisterForShutdown(server: Stoppable): void {
  if (!live.delete(server)) return;
  if (live.size === 0) process.off("exit", onExit);
  if (!wantsSignals()) for (const s of SIGNALS) process.off(s, onSignal);
}

function wantsSignals(): boolean {
  return [...live.values()].some(Boolean);
}

function onExit(): void {
  for (const server of live.keys()) server.stopOnExit();
}

function onSignal(signal: NodeJS.Signals): void {
  const servers = [...live].filter(([, handleSignals]) => handleSignals).map(([server]) => server);
  // Each stop() unregisters its server; the last one removes this listener.
  void Promise.allSettled(servers.map((s) => s.stop())).then(() => {
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}
