/**
 * The security half of "would this registry state run?" (`checkRunnable`): a version is
 * refused — by writers before commit, and held back at their last good revision by nodes —
 * when it has
 * - a `security.policy` whose data does not read as a policy (every problem, by field), or a
 *   `security.settings` whose `strict_mode` is not a boolean;
 * - a service whose `lifecycle.security` names a policy that is missing or invalid (the
 *   problem names the policy too, so deleting a policy a service uses is refused, and a node
 *   that receives such a version keeps the policy), or a group no policy declares.
 * Why refuse rather than ignore: an unusable deny policy, ignored, would silently allow.
 *
 * In: the registry state by id. Out: problems, as `checkRunnable` reports them.
 */
import type { Entry } from "@wippy/shared";
import { PolicyIndex, POLICY_KIND, readPolicyOnce, readSecurityBlock, readSettings, SETTINGS_KIND } from "../security";
import type { VersionProblem } from "./check-version";

const SECURED_KINDS: ReadonlySet<string> = new Set(["process.service"]);

function securityBlockOf(entry: Entry): unknown {
  const lifecycle = entry.data.lifecycle;
  return typeof lifecycle === "object" && lifecycle !== null && !Array.isArray(lifecycle) ? lifecycle.security : undefined;
}

export function securityProblems(byId: ReadonlyMap<string, Entry>): VersionProblem[] {
  const problems: VersionProblem[] = [];
  for (const entry of byId.values()) {
    if (entry.kind === POLICY_KIND) {
      const read = readPolicyOnce(entry);
      if (!read.ok) problems.push({ entry: entry.id, ids: [entry.id], message: `invalid security.policy ${read.problems.join("; ")}` });
    } else if (entry.kind === SETTINGS_KIND) {
      for (const message of readSettings([entry], false).problems) problems.push({ entry: entry.id, ids: [entry.id], message });
    }
  }
  const withBlocks = [...byId.values()].filter((e) => SECURED_KINDS.has(e.kind) && securityBlockOf(e) != null);
  if (withBlocks.length === 0) return problems;
  const index = PolicyIndex.fromEntries(byId.values());
  for (const entry of withBlocks) {
    const read = readSecurityBlock(securityBlockOf(entry), entry.id, index);
    if (!read.ok) for (const p of read.problems) problems.push({ entry: entry.id, ids: p.ids, message: p.message });
  }
  return problems;
}

export { securityBlockOf };
