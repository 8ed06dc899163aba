/**
 * Changesets (Wippy's `registry.md`): `snap:changes()` → a changeset that collects operations
 * and applies them atomically as one new version.
 *
 * - `:create(entry)`, `:update(entry)`, `:delete(id)` (id `"ns:name"` or `{ns, name}`) add an
 *   operation and return the changeset (for chaining), or `nil, err` (`Invalid`) for a bad
 *   entry or id — nothing is added then. As in Wippy the changeset is mutable.
 * - `:ops()` → `{kind = "entry.create" | "entry.update" | "entry.delete", entry}` per operation.
 * - `:apply()` → the new Version, or `nil, err`: empty → `Invalid`; an operation that does not
 *   fit the registry as it is now (create of an existing entry, update or delete of a missing
 *   one — the writer's picture is stale) → `Conflict`; nothing is applied then. Operations are
 *   checked against the registry at apply time, not against the snapshot's version. On success
 *   the caller's next `registry.get` already sees the change (`access.ts`). Each operation
 *   must be allowed `registry.apply` on its entry id (`checks.ts`); one refusal
 *   (`PermissionDenied`, with a hint when the process may propose instead) and nothing is
 *   written. An entry a review rule covers is refused too: agents propose there.
 * - `:propose(message?)` (issue 9) → the change request as a table `{id, status = "open",
 *   base_version, approvals_required, entries, …}` (the shape of the outcome events), or
 *   `nil, err`: empty → `Invalid`; each operation must be allowed `registry.propose`; operations
 *   that do not fit the registry at this node's version → `Conflict`; a change the registry
 *   would not run with → `Invalid`. Nothing is applied: people review it in the control plane,
 *   and the outcome comes as an event (system `registry.change_request`, path = the id).
 */
import { changeRequestEventData, DEFAULT_CHANGE_REQUEST, type ChangeOp } from "@wippy/shared";
import { wippyError } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import { checkObject, defineClass } from "../../vm/objects";
import { optString } from "../../vm/strings";
import { pushValue } from "../../vm/values";
import { returnError } from "../results";
import { unavailable, type RegistryAccess } from "./access";
import { blockOnPromise } from "./await-promise";
import { authorizeOps, idsOf, reviewRefusal, withProposeHint } from "./checks";
import { entryArg, idArg, pushOps } from "./entries";
import { pushVersion } from "./version";

export class LuaChanges {
  readonly ops: ChangeOp[] = [];

  constructor(readonly access: RegistryAccess) {}
}

const self = (L: LuaState): LuaChanges => checkObject(L, 1, CHANGES_CLASS);

/** Returns the changeset itself (argument 1), for chaining. */
function returnSelf(L: LuaState): number {
  lua.lua_pushvalue(L, 1);
  return 1;
}

const addEntry =
  (op: "create" | "update"): LuaFunction =>
  (L) => {
    const changes = self(L);
    const entry = entryArg(L, 2);
    if (!entry.ok) return returnError(L, entry.error);
    changes.ops.push({ op, entry: entry.value });
    return returnSelf(L);
  };

export const CHANGES_CLASS = defineClass(LuaChanges, {
  name: "changes",
  tostring: (c) => `changes (${c.ops.length} operations)`,
  methods: {
    create: addEntry("create"),
    update: addEntry("update"),
    delete: (L) => {
      const changes = self(L);
      const id = idArg(L, 2);
      if (!id.ok) return returnError(L, id.error);
      changes.ops.push({ op: "delete", id: id.value });
      return returnSelf(L);
    },
    ops: (L) => {
      pushOps(L, self(L).ops);
      return 1;
    },
    apply: (L, proc) => {
      const changes = self(L);
      if (changes.ops.length === 0) return returnError(L, wippyError("Invalid", "no changes to apply", { retryable: false }));
      const kindOf = (id: string) => changes.access.view.get(id)?.kind;
      const denied = authorizeOps(proc, changes.ops, kindOf);
      if (denied !== null) return returnError(L, withProposeHint(proc, denied, changes.ops, kindOf));
      const review = reviewRefusal(changes.access.reviewRules(), idsOf(changes.ops), "registry.apply");
      if (review !== null) return returnError(L, review);
      return blockOnPromise(L, changes.access.apply(proc, [...changes.ops]), (L2, settled) => {
        if (!settled.ok) return returnError(L2, unavailable(settled.error));
        if (!settled.value.ok) return returnError(L2, settled.value.error);
        pushVersion(L2, settled.value.value.id, changes.access);
        return 1;
      });
    },
    propose: (L, proc) => {
      const changes = self(L);
      const message = optString(L, 2) ?? "";
      if (message.length > DEFAULT_CHANGE_REQUEST.messageMaxChars) {
        return returnError(L, wippyError("Invalid", `the message has at most ${DEFAULT_CHANGE_REQUEST.messageMaxChars} characters`, { retryable: false }));
      }
      if (changes.ops.length === 0) return returnError(L, wippyError("Invalid", "no changes to propose", { retryable: false }));
      const denied = authorizeOps(proc, changes.ops, (id) => changes.access.view.get(id)?.kind, "registry.propose");
      if (denied !== null) return returnError(L, denied);
      return blockOnPromise(L, changes.access.propose(proc, [...changes.ops], message, idsOf(changes.ops)), (L2, settled) => {
        if (!settled.ok) return returnError(L2, unavailable(settled.error));
        if (!settled.value.ok) return returnError(L2, settled.value.error);
        pushValue(L2, changeRequestEventData(settled.value.value));
        return 1;
      });
    },
  },
});
