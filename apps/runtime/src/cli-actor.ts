/**
 * Who the command line is, for the audit log: actor kind `cli`, id and name the OS account and
 * machine (`ann@build-01`). This is who ran the command, not `WIPPY_AUTHOR` (env.ts), which
 * only names whom a registry version is attributed to and can be set to anything; a registry
 * write records that author in the row's metadata beside it.
 */
import os from "node:os";
import type { AuditActor } from "@wippy/db";

/** `user@host` of this process; `unknown@host` when the uid has no passwd entry (containers). */
export function osAccount(): string {
  let user = "unknown";
  try {
    user = os.userInfo().username;
  } catch {
    // os.userInfo throws without a passwd entry for this uid: keep "unknown".
  }
  return `${user}@${os.hostname()}`;
}

export function cliActor(): AuditActor {
  const account = osAccount();
  return { kind: "cli", id: account, name: account };
}
