/**
 * Kernel hosts from registry entries: `process.host` (`host: {workers, queue_size}`) and
 * `terminal.host` entries become kernel hosts with the entry id as host id; a changed entry
 * reconfigures its host live; a deleted one removes it (its processes exit with `shutdown`).
 * Hosts the node made itself (the implicit terminal, supervision's) are left alone.
 */
import type { Entry } from "@wippy/shared";
import { DEFAULT_HOST_CONFIG, type HostConfig, type Kernel } from "../kernel";

export const HOST_KINDS: ReadonlySet<string> = new Set(["process.host", "terminal.host"]);

export function hostConfigOf(entry: Entry): Partial<HostConfig> {
  const host = (entry.data.host ?? {}) as { workers?: unknown; queue_size?: unknown };
  const config: { workers?: number; queueSize?: number } = {};
  if (typeof host.workers === "number" && host.workers > 0) config.workers = host.workers;
  if (typeof host.queue_size === "number" && host.queue_size > 0) config.queueSize = host.queue_size;
  return config;
}

export interface HostSync {
  /** Hosts that came from entries (so that a later sync may remove them). */
  readonly managed: Set<string>;
  readonly problems: string[];
}

/** Makes the kernel's entry-backed hosts match `entries`. */
export function syncHosts(kernel: Kernel, entries: Iterable<Entry>, managed: Set<string>): HostSync {
  const problems: string[] = [];
  const wanted = new Map<string, Entry>();
  for (const entry of entries) if (HOST_KINDS.has(entry.kind)) wanted.set(entry.id, entry);
  for (const [id, entry] of wanted) {
    const config = hostConfigOf(entry);
    const result = managed.has(id) ? kernel.hosts.configure(id, { ...DEFAULT_HOST_CONFIG, ...config }) : kernel.hosts.add(id, config);
    if (result.ok) managed.add(id);
    else problems.push(`host ${id}: ${result.error.message}`);
  }
  for (const id of [...managed]) {
    if (wanted.has(id)) continue;
    kernel.hosts.remove(id);
    managed.delete(id);
  }
  return { managed, problems };
}
