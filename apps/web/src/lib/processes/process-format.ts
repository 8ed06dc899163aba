/** How the inspector writes process facts: uptimes, big counters, what a process waits on. */
import type { ProcessRow } from "@wippy/shared";

/** `42 s`, `5 m 03 s`, `3 h 07 m`, `2 d 4 h`. */
export function formatUptime(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (s < 3600) return `${Math.floor(s / 60)} m ${pad(s % 60)} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} m`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

/** `999`, `12.3k`, `4.5M`, `1.2G` — counters such as reductions. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return "—";
  const abs = Math.abs(n);
  if (abs < 1_000) return String(Math.round(n));
  const [div, unit] = abs < 1e6 ? [1e3, "k"] : abs < 1e9 ? [1e6, "M"] : [1e9, "G"];
  const v = n / div;
  return `${Math.abs(v) < 100 ? v.toFixed(1) : Math.round(v)}${unit}`;
}

/** `1,234,567` for exact figures (tooltips, the process page). */
export function formatExact(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "—";
}

/** The state as people read it: `waiting · inbox, timer`, `running`. */
export function describeState(row: Pick<ProcessRow, "state" | "waiting">): string {
  return row.state === "waiting" && row.waiting.length > 0 ? `waiting · ${row.waiting.join(", ")}` : row.state;
}

/** The message sender: the control plane and the node itself send as `""`. */
export function describeSender(from: string): string {
  return from === "" ? "system" : from;
}

/** The last part of an entry id, for tight places: `shop:ticker_service` → `ticker_service`. */
export function shortEntry(id: string): string {
  const at = id.lastIndexOf(":");
  return at < 0 ? id : id.slice(at + 1);
}
