/**
 * RegistryAccess — what the `registry` module and its objects (snapshots, versions, changes,
 * history) reach the registry through: the node's view for reads, the store for history and
 * writes.
 *
 * Terms:
 * - reads (`get`, `find`, `snapshot()`, the current version) come from the view: in memory,
 *   no waiting.
 * - history (`snapshot_at` an older version, version lists) and writes go to the store; Lua
 *   waits on them with `blockOnPromise`.
 * - read-your-writes: after a write commits as version N, the call also waits (up to
 *   `viewWaitMs` on the kernel clock) until the view has applied N, so the writer's next
 *   `registry.get` sees its change. Past the wait the write still counts (it is committed); a
 *   warning is logged.
 * - author: who a write is recorded as — by default `agent:<entry id of the caller>`; every
 *   version written from Lua has source `agent`.
 * - A store that throws (database away) is `Internal`; the store's own refusals keep their
 *   kinds (`Invalid`, `NotFound`, `Conflict`), not retryable.
 * - Checked rollback (`applyVersion` with `check`): the changes from the view's version to the
 *   target are checked first, then the write is pinned to that version (`expectedBase`), so a
 *   version committed meanwhile cannot slip unchecked changes in (`Conflict`: try again).
 * - Audit: every write from Lua records an audit row naming the process (actor id, pid, entry)
 *   in the version's own transaction (`author.ts`).
 * - Change requests (issue 9): `propose` stores the operations for review on the view's version
 *   as base, with the approvals the review rules in the view ask for; `changeRequest` reads
 *   one back. Without a change-request store (a node without one) both are `Unavailable`.
 *
 * In: a view, a store, an author function. Out: results as `Result<…>` with `WippyError`s.
 */
import type { ChangeRequestError, ProposeInput, RegistryStore } from "@wippy/db";
import type { ChangeOp, ChangeRequest, EntryChange, RegistryError, Result as SharedResult, VersionInfo } from "@wippy/shared";
import { fail, ok, wippyError, type Clock, type Result, type WippyError } from "../../../kernel";
import { REVIEW_RULES_KIND, ReviewRules } from "../../../registry/review-rules";
import type { RegistryView } from "../../../registry/view";
import type { LuaProcess } from "../../vm/lua-process";
import { auditRegistryWrite, processAuthor } from "./author";

export type RegistryViewPort = Pick<RegistryView, "get" | "find" | "snapshot" | "version" | "subscribe">;
export type RegistryStorePort = Pick<RegistryStore, "snapshotAt" | "listVersions" | "getVersion" | "apply" | "applyVersion" | "diff">;

/** Where proposals go (`ChangeRequestStore`, behind the node's "would it run?" check). */
export interface ChangeRequestPort {
  propose(input: ProposeInput): Promise<SharedResult<ChangeRequest, ChangeRequestError>>;
  get(id: number): Promise<ChangeRequest | null>;
}

export interface RegistryModuleDeps {
  readonly view: RegistryViewPort;
  readonly store: RegistryStorePort;
  readonly changeRequests?: ChangeRequestPort;
  /** Who a write from `proc` is recorded as (default `agent:<entry id>`). */
  readonly author?: (proc: LuaProcess) => string;
  /** How long a write waits for the view to show it (ms on the kernel clock). */
  readonly viewWaitMs?: number;
}

export const DEFAULT_REGISTRY_MODULE = { viewWaitMs: 5_000, versionsPageSize: 1_000 } as const;

export const defaultAuthor = (proc: LuaProcess): string => `agent:${proc.entry.id}`;

export function fromRegistryError(error: RegistryError): WippyError {
  const details: Record<string, unknown> = {};
  if (error.entryId !== undefined) details.entry_id = error.entryId;
  if (error.baseVersion !== undefined) details.base_version = error.baseVersion;
  if (error.currentVersion !== undefined) details.current_version = error.currentVersion;
  return wippyError(error.kind, error.message, { retryable: false, details });
}

export function unavailable(thrown: unknown): WippyError {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return wippyError("Internal", `registry not available: ${message}`);
}

function toResult<T>(result: SharedResult<T>): Result<T> {
  return result.ok ? ok(result.value) : fail(fromRegistryError(result.error));
}

export class RegistryAccess {
  readonly view: RegistryViewPort;
  readonly store: RegistryStorePort;
  readonly changeRequests: ChangeRequestPort | undefined;
  private readonly author: (proc: LuaProcess) => string;
  private readonly viewWaitMs: number;

  constructor(deps: RegistryModuleDeps) {
    this.view = deps.view;
    this.store = deps.store;
    this.changeRequests = deps.changeRequests;
    this.author = deps.author ?? defaultAuthor;
    this.viewWaitMs = deps.viewWaitMs ?? DEFAULT_REGISTRY_MODULE.viewWaitMs;
  }

  /** Every version, oldest first. */
  async versions(): Promise<VersionInfo[]> {
    const pageSize = DEFAULT_REGISTRY_MODULE.versionsPageSize;
    const newestFirst: VersionInfo[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await this.store.listVersions({ limit: pageSize, before });
      newestFirst.push(...page);
      const last = page.at(-1);
      if (page.length < pageSize || last === undefined) break;
      before = last.id;
    }
    return newestFirst.reverse();
  }

  async apply(proc: LuaProcess, ops: readonly ChangeOp[]): Promise<Result<VersionInfo>> {
    const commit = await this.store.apply(ops, { author: this.author(proc), source: "agent", onCommit: auditRegistryWrite(proc, "registry.apply") });
    return this.afterWrite(proc, commit);
  }

  /** The review rules in this node's view (`registry.review_rules` entries). */
  reviewRules(): ReviewRules {
    return ReviewRules.fromEntries(this.view.find({ ".kind": REVIEW_RULES_KIND }).entries);
  }

  async propose(proc: LuaProcess, ops: readonly ChangeOp[], message: string, entryIds: readonly string[]): Promise<Result<ChangeRequest>> {
    if (this.changeRequests === undefined) return fail(wippyError("Unavailable", "change requests are not available on this node (it has no change-request store)", { retryable: false }));
    const review = this.reviewRules().proposal(entryIds);
    const proposed = await this.changeRequests.propose({
      author: processAuthor(proc),
      source: "agent",
      baseVersion: this.view.version,
      ops,
      message,
      approvalsRequired: review.approvals,
      rules: review.rules,
    });
    return proposed.ok ? ok(proposed.value) : fail(wippyError(proposed.error.kind, proposed.error.message, { retryable: false }));
  }

  async changeRequest(id: number): Promise<Result<ChangeRequest | null>> {
    if (this.changeRequests === undefined) return fail(wippyError("Unavailable", "change requests are not available on this node (it has no change-request store)", { retryable: false }));
    return ok(await this.changeRequests.get(id));
  }

  async applyVersion(proc: LuaProcess, target: number, check?: (changes: readonly EntryChange[]) => WippyError | null): Promise<Result<VersionInfo>> {
    const onCommit = auditRegistryWrite(proc, "registry.apply_version", target);
    if (check === undefined) return this.afterWrite(proc, await this.store.applyVersion(target, { author: this.author(proc), source: "agent", onCommit }));
    const base = this.view.version;
    const changes = toResult(await this.store.diff(base, target));
    if (!changes.ok) return changes;
    const denied = check(changes.value);
    if (denied !== null) return fail(denied);
    return this.afterWrite(proc, await this.store.applyVersion(target, { author: this.author(proc), source: "agent", expectedBase: base, onCommit }));
  }

  private async afterWrite(proc: LuaProcess, commit: SharedResult<{ version: VersionInfo }>): Promise<Result<VersionInfo>> {
    const result = toResult(commit);
    if (!result.ok) return result;
    const version = result.value.version.id;
    if (!(await this.viewReached(proc.ctx.clock, version))) {
      proc.vm.runtime.logger.warn(
        { pid: proc.pid, entry: proc.entry.id, version, viewVersion: this.view.version, waitedMs: this.viewWaitMs },
        `registry version ${version} is committed but this node's view has not applied it yet`,
      );
    }
    return ok(result.value.version);
  }

  /** Resolves true once the view has applied `version`, false after `viewWaitMs`. */
  private viewReached(clock: Clock, version: number): Promise<boolean> {
    if (this.view.version >= version) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (reached: boolean): void => {
        timer.cancel();
        stop();
        resolve(reached);
      };
      const stop = this.view.subscribe((update) => {
        if (update.version >= version) done(true);
      });
      const timer = clock.setTimer(this.viewWaitMs, { fire: () => done(false) });
    });
  }
}
