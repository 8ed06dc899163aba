/**
 * How the audit page marks who made a change: a user by their email alone; every other kind of
 * actor with a badge saying what it is (a Lua process, the `wippy` command line — named
 * `user@host` of the machine it ran on — or the system), so the name is not mistaken for a user.
 */
import type { AuditActorKind } from "@wippy/db";

export interface ActorBadge {
  label: string;
  title: string;
}

export const ACTOR_BADGES: Record<AuditActorKind, ActorBadge | null> = {
  user: null,
  actor: { label: "actor", title: "A Lua process: its actor, pid and entry" },
  cli: { label: "cli", title: "The wippy command line: the OS account and machine that ran it" },
  system: { label: "system", title: "The system itself, on nobody's behalf" },
};
