/**
 * A LISTEN subscription that survives connection loss.
 *
 * NOTIFY is fire-and-forget: whatever is sent while the listening connection is down is lost.
 * So after every successful re-LISTEN (not the first one) the subscriber's `onReconnect()` runs,
 * and the subscriber catches up from its own durable state (for the registry: read every
 * version newer than the one it holds).
 *
 * Terms:
 * - dedicated connection: a one-connection postgres.js pool used only for this LISTEN.
 * - backoff: delay before each reconnect attempt, doubling from `initialMs` up to `maxMs`;
 *   attempts go on until `close()`.
 *
 * In: URL, channel, handlers. Out: a promise that resolves once the first LISTEN is in place
 * (it rejects if that first attempt fails, so a bad URL is reported at once) to `{ close() }`.
 * Errors — failed reconnect attempts and exceptions thrown by the handlers — go to `onError`.
 */
import postgres from "postgres";
import { ignoreNotice } from "./client";

export interface ListenHandlers {
  onNotify(payload: string): void;
  /** After each successful re-LISTEN: notifications may have been missed; catch up. */
  onReconnect(): void;
  onError?(error: Error): void;
}

export interface ListenBackoff {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_LISTEN_BACKOFF: ListenBackoff = { initialMs: 100, maxMs: 5_000 };

export interface Listener {
  close(): Promise<void>;
}

type State = "listening" | "reconnecting" | "closed";

export async function listen(
  url: string,
  channel: string,
  handlers: ListenHandlers,
  backoff: ListenBackoff = DEFAULT_LISTEN_BACKOFF,
): Promise<Listener> {
  const listenStatement = `listen "${channel.replace(/"/g, '""')}"`;
  // Without onError, handler exceptions would vanish inside postgres.js's socket callback; the
  // console is the only place left that someone will see them.
  const reportError = handlers.onError ?? ((error: Error) => console.error(`listen ${channel}:`, error));
  let state: State = "listening";
  /** Set on every close of the connection; lets a reconnect attempt notice it raced a drop. */
  let dropped = false;
  let wakeSleeper: (() => void) | undefined;

  // `onnotify` is the connection hook postgres.js's own `sql.listen` uses; it is not in the
  // published typings. We do not use `sql.listen` because it re-listens once and gives up
  // silently when that fails, with no backoff and no way to learn about it.
  const options: postgres.Options<Record<string, never>> & { onnotify: (ch: string, payload: string) => void } = {
    max: 1,
    idle_timeout: 0, // never close for idleness (postgres.js treats 0 as off)
    max_lifetime: null,
    fetch_types: false,
    connect_timeout: 10,
    backoff: () => 0, // our own loop paces the attempts
    onnotice: ignoreNotice,
    connection: { application_name: `wippy-listen:${channel}`.slice(0, 63) },
    onnotify: (ch, payload) => {
      if (ch === channel) guarded(() => handlers.onNotify(payload));
    },
    onclose: () => {
      dropped = true;
      if (state === "listening") void reconnect();
    },
  };
  const sql = postgres(url, options);

  function guarded(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      reportError(asError(error));
    }
  }

  async function reconnect(): Promise<void> {
    state = "reconnecting";
    let delay = backoff.initialMs;
    while (state === "reconnecting") {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wakeSleeper = () => (clearTimeout(timer), resolve());
      });
      wakeSleeper = undefined;
      if (state !== "reconnecting") return;
      dropped = false;
      try {
        await sql.unsafe(listenStatement);
        if (dropped) continue; // the new connection died already; its onclose saw "reconnecting"
        state = "listening";
        guarded(handlers.onReconnect);
        return;
      } catch (error) {
        if (state !== "reconnecting") return;
        reportError(asError(error));
        delay = Math.min(delay * 2, backoff.maxMs);
      }
    }
  }

  try {
    await sql.unsafe(listenStatement);
  } catch (error) {
    state = "closed";
    await sql.end({ timeout: 0 });
    throw error;
  }

  return {
    async close() {
      if (state === "closed") return;
      state = "closed";
      wakeSleeper?.();
      await sql.end({ timeout: 1 });
    },
  };
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
