/**
 * This server's row in `control_servers`: registered with the URL nodes should dial, beaten
 * every `DEFAULT_BEAT_MS` so nodes can tell a live server from a dead one, removed on a clean
 * stop. A failed beat is logged and retried at the next tick — the database may be restarting,
 * and the server keeps serving meanwhile.
 */
import { registerServer, removeServer, type Sql } from "@wippy/db";
import { messageOf, type Logger } from "./log";

export const DEFAULT_BEAT_MS = 5_000;

export interface Registration {
  /** Stops beating and removes the row. */
  remove(): Promise<void>;
}

export async function registerThisServer(sql: Sql, id: string, url: string, log: Logger, beatMs = DEFAULT_BEAT_MS): Promise<Registration> {
  await registerServer(sql, id, url);
  let failing = false;
  const timer = setInterval(() => {
    // Re-register rather than beat: a row removed meanwhile (a cleanup, a restore) comes back.
    registerServer(sql, id, url).then(
      () => {
        if (failing) log.info("control_servers heartbeat works again");
        failing = false;
      },
      (error: unknown) => {
        if (!failing) log.warn({ err: messageOf(error) }, `control_servers heartbeat failed (will retry every ${beatMs} ms): ${messageOf(error)}`);
        failing = true;
      },
    );
  }, beatMs);
  return {
    remove: async () => {
      clearInterval(timer);
      await removeServer(sql, id);
    },
  };
}
