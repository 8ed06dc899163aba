/**
 * What the browser receives: the process deltas of the `/ui` socket, recorded by a second
 * subscriber (a socket.io client with the same session) — rows per delta and JSON bytes.
 */
import { connectUi, type UiClient } from "../../apps/web/server/testing/client";
import { percentiles } from "../lib";

interface Delta {
  readonly rows: number;
  readonly bytes: number;
  readonly at: number;
}

export class DeltaRecorder {
  private readonly deltas: Delta[] = [];
  private client: UiClient | null = null;

  async start(url: string, cookie: string): Promise<void> {
    this.client = await connectUi(url, cookie);
    this.client.socket.on("processes:delta", (delta: { upsert: unknown[]; patch?: unknown[]; remove: unknown[] }) => {
      this.deltas.push({ rows: delta.upsert.length + (delta.patch?.length ?? 0) + delta.remove.length, bytes: JSON.stringify(delta).length, at: Date.now() });
    });
    await this.client.ask("processes:subscribe");
  }

  /** Deltas since `since` (ms since the epoch). */
  summary(since: number): { per_second: number; rows: ReturnType<typeof percentiles>; kib: ReturnType<typeof percentiles> } {
    const seen = this.deltas.filter((d) => d.at >= since);
    const span = seen.length > 1 ? (seen[seen.length - 1]!.at - seen[0]!.at) / 1000 : 1;
    return {
      per_second: Math.round((Math.max(0, seen.length - 1) / span) * 100) / 100,
      rows: percentiles(seen.map((d) => d.rows)),
      kib: percentiles(seen.map((d) => d.bytes / 1024)),
    };
  }

  close(): void {
    this.client?.close();
  }
}
