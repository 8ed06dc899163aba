/**
 * HostTable — the kernel's hosts by id: add, live reconfigure, remove, inspect.
 *
 * Terms:
 * - Host ids are registry ids (`app:processes`); they appear inside pids, so `{`, `}` and `|`
 *   are refused.
 * - `configure` applies at once (`process.host` changes of `workers` apply live).
 * - `remove` takes the host out of the scheduler and has every process on it exit with
 *   `shutdown` (through the `shutdown` callback the kernel passes in).
 *
 * In: ids and partial `HostConfig`s, validated here. Out: `Result`s, `HostInfo`.
 */

import { fail, invalid, notFound, ok, wippyError, type Result } from "./errors";
import { checkHostConfig, Host, type HostConfig } from "./host";
import type { Scheduler } from "./scheduler";

export interface HostInfo extends HostConfig {
  readonly id: string;
  readonly live: number;
  readonly queued: number;
}

export class HostTable {
  private readonly byId = new Map<string, Host>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly shutdown: (host: Host) => void,
  ) {}

  get(id: string): Host | undefined {
    return this.byId.get(id);
  }

  add(id: string, config: Partial<HostConfig> = {}): Result<true> {
    if (id.length === 0 || /[{}|]/.test(id)) return invalid(`host id "${id}" must be non-empty and free of { } |`);
    if (this.byId.has(id)) return fail(wippyError("AlreadyExists", `host ${id} already exists`));
    const checked = checkHostConfig(config);
    if (!checked.ok) return checked;
    const host = new Host(id, checked.value, () => this.scheduler.signal());
    this.byId.set(id, host);
    this.scheduler.addHost(host);
    return ok(true);
  }

  configure(id: string, config: Partial<HostConfig>): Result<true> {
    const host = this.byId.get(id);
    if (host === undefined) return notFound(`host ${id} not found`);
    const checked = checkHostConfig(config, host);
    if (!checked.ok) return checked;
    host.workers = checked.value.workers;
    host.queueSize = checked.value.queueSize;
    host.budget = checked.value.budget;
    return ok(true);
  }

  remove(id: string): Result<true> {
    const host = this.byId.get(id);
    if (host === undefined) return notFound(`host ${id} not found`);
    this.byId.delete(id);
    this.scheduler.removeHost(host);
    this.shutdown(host);
    return ok(true);
  }

  info(id: string): Result<HostInfo> {
    const host = this.byId.get(id);
    if (host === undefined) return notFound(`host ${id} not found`);
    const { workers, queueSize, budget, live, queued } = host;
    return ok({ id, workers, queueSize, budget, live, queued });
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }
}
