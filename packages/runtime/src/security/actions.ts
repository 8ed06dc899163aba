/**
 * The actions the runtime checks, the resource each is checked on, and the `meta` a policy
 * condition can test (`meta.*`). One table, so the names in code, docs and policies agree;
 * names and resources are Wippy's where its docs give them (`lua/core/process.md`,
 * `funcs.md`, `registry.md`, `events.md`, `lua/security/security.md`).
 *
 * Every check also passes `meta.pid`: the caller's pid (Wippy's attribute of the same name).
 * Destinations (pid or registered name) are checked as written; `meta.target` is the pid they
 * resolve to and `meta.entry` the entry that process runs — a policy that must hold however a
 * process is addressed conditions on `meta.entry`.
 */

export interface ActionSpec {
  /** What the resource of a check is. */
  readonly resource: string;
  /** The Lua calls that check it. */
  readonly checkedBy: string;
  /** Extra `meta.*` fields beyond `pid`. */
  readonly meta?: readonly string[];
  /** False: a reserved name nothing checks yet. */
  readonly enforced: boolean;
}

const DEST_META = ["target", "entry"] as const;

export const SECURITY_ACTIONS = {
  "process.spawn": { resource: "entry id", checkedBy: "process.spawn*, spawner:spawn*; process.upgrade(id) into another entry (meta.upgrade = true)", meta: ["host", "upgrade"], enforced: true },
  "process.spawn.monitored": { resource: "entry id", checkedBy: "spawn_monitored, spawn_linked_monitored", meta: ["host"], enforced: true },
  "process.spawn.linked": { resource: "entry id", checkedBy: "spawn_linked, spawn_linked_monitored", meta: ["host"], enforced: true },
  "process.exec": { resource: "entry id", checkedBy: "process.exec, spawner:exec", meta: ["host"], enforced: true },
  "process.host": { resource: "host id", checkedBy: "every spawn and exec", meta: ["entry"], enforced: true },
  "process.security": { resource: "security", checkedBy: "spawning with :with_actor / :with_scope", enforced: true },
  "process.send": { resource: "destination", checkedBy: "process.send", meta: ["topic", ...DEST_META], enforced: true },
  "process.terminate": { resource: "destination", checkedBy: "process.terminate; a workflow spawn with workflow.id_conflict_policy = terminate_existing (on the run's pid)", meta: DEST_META, enforced: true },
  "process.cancel": { resource: "destination", checkedBy: "process.cancel", meta: DEST_META, enforced: true },
  "process.monitor": { resource: "destination", checkedBy: "process.monitor", meta: DEST_META, enforced: true },
  "process.unmonitor": { resource: "destination", checkedBy: "process.unmonitor", meta: DEST_META, enforced: true },
  "process.link": { resource: "destination", checkedBy: "process.link", meta: DEST_META, enforced: true },
  "process.unlink": { resource: "destination", checkedBy: "process.unlink", meta: DEST_META, enforced: true },
  "process.registry.register": { resource: "name", checkedBy: "process.registry.register, spawner:with_name", enforced: true },
  "process.registry.unregister": { resource: "name", checkedBy: "process.registry.unregister", enforced: true },
  "process.registry.foreign": { resource: "pid", checkedBy: "process.registry.register(name, pid) for another pid", meta: ["name"], enforced: true },
  "funcs.call": { resource: "function id", checkedBy: "funcs.call, funcs.async, executor:call/async", enforced: true },
  "funcs.security": { resource: "security", checkedBy: "executor:with_actor / :with_scope", enforced: true },
  "registry.get": { resource: "entry id", checkedBy: "registry.get; filters find, snapshot reads", meta: ["kind"], enforced: true },
  "registry.apply": { resource: "entry id", checkedBy: "changes:apply(), once per changed entry", meta: ["op", "kind"], enforced: true },
  "registry.apply_version": { resource: "entry id", checkedBy: "registry.apply_version(v), once per entry it changes", meta: ["op", "kind", "version"], enforced: true },
  "registry.propose": { resource: "entry id", checkedBy: "changes:propose(), once per changed entry", meta: ["op", "kind"], enforced: true },
  "events.send": { resource: "system", checkedBy: "events.send", meta: ["kind", "path"], enforced: true },
  "events.subscribe": { resource: "system pattern", checkedBy: "events.subscribe", meta: ["kind"], enforced: true },
  "security.policy.get": { resource: "policy id", checkedBy: "security.policy", enforced: true },
  "security.policy_group.get": { resource: "group id", checkedBy: "security.named_scope", enforced: true },
  "security.actor.create": { resource: "actor id", checkedBy: "security.new_actor", enforced: true },
  "security.scope.create": { resource: "custom | with | without", checkedBy: "security.new_scope, scope:with, scope:without", enforced: true },
} as const satisfies Record<string, ActionSpec>;

export type SecurityAction = keyof typeof SECURITY_ACTIONS;

/** The fixed resources of the actions that act on the context itself (Wippy's). */
export const SECURITY_RESOURCE = "security";
export const SCOPE_RESOURCES = { custom: "custom", with: "with", without: "without" } as const;
