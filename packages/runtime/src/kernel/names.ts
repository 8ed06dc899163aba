/**
 * Name registry — `process.registry` (LUA_API.md §3), node-local scope.
 *
 * Terms:
 * - `register(name, proc)`: idempotent for the same process; a name held by another process
 *   is `AlreadyExists` with `details.existing_pid`. A process may hold several names.
 * - `lookup(name)`: the holder or `undefined` (the kernel turns that into `NotFound`).
 * - `unregister(name)`: true when the name was registered, false when it was unknown.
 * - `releaseAll(proc)`: on exit every name of the process is released.
 * - Names are non-empty and must not look like a pid (`{host|id}`), so that a destination
 *   string is unambiguous.
 *
 * In: names and live process records. Out: `Result`s and holders.
 */

import { fail, invalid, ok, wippyError, type Result } from "./errors";
import { isPid } from "./pid";
import type { ProcessRecord } from "./process";

export class NameRegistry {
  private readonly byName = new Map<string, ProcessRecord>();

  get size(): number {
    return this.byName.size;
  }

  /** Whether `proc` (or a process yet to exist, when null) could take `name`. */
  check(name: string, proc: ProcessRecord | null = null): Result<true> {
    if (name.length === 0) return invalid("name must not be empty");
    if (isPid(name)) return invalid(`name "${name}" looks like a pid`);
    const holder = this.byName.get(name);
    if (holder !== undefined && holder !== proc) {
      return fail(wippyError("AlreadyExists", `name "${name}" is already registered`, { details: { existing_pid: holder.pid } }));
    }
    return ok(true);
  }

  register(name: string, proc: ProcessRecord): Result<true> {
    const checked = this.check(name, proc);
    if (!checked.ok) return checked;
    this.byName.set(name, proc);
    (proc.names ??= new Set()).add(name);
    return ok(true);
  }

  lookup(name: string): ProcessRecord | undefined {
    return this.byName.get(name);
  }

  unregister(name: string): boolean {
    const holder = this.byName.get(name);
    if (holder === undefined) return false;
    this.byName.delete(name);
    holder.names?.delete(name);
    return true;
  }

  releaseAll(proc: ProcessRecord): void {
    if (proc.names === null) return;
    for (const name of proc.names) this.byName.delete(name);
    proc.names = null;
  }
}
