/** The audit actor for a signed-in user: the id to filter by, the email people read. */
import type { AuditActor } from "@wippy/db";
import type { SessionUser } from "./roles";

export function actorOf(user: SessionUser): AuditActor {
  return { kind: "user", id: user.id, name: user.email };
}
