/**
 * Strict mode lives in the registry: a `security.settings` entry (our addition; Wippy sets it
 * in its runtime config file, `security: {strict_mode: …}`).
 *
 *   - name: settings
 *     kind: security.settings
 *     strict_mode: true        # default false: a process with neither actor nor scope may do anything
 *
 * Why the registry and not a node option: every node of a cluster follows the same registry,
 * so they cannot disagree about it; it changes live, like policies, and is versioned and
 * audited with them; and an application (or a test app) carries its own setting.
 *
 * Fail safe: when several settings entries exist, strict mode is on if any turns it on; an
 * entry whose `strict_mode` is not a boolean also turns it on (and is reported).
 */
import { z } from "zod";
import type { Entry } from "@wippy/shared";

export const securitySettingsSchema = z.looseObject({
  strict_mode: z.boolean({ error: "must be true or false" }).nullish(),
});

export interface SettingsRead {
  readonly strictMode: boolean;
  readonly problems: readonly string[];
}

export function readSettings(entries: Iterable<Entry>, fallback: boolean): SettingsRead {
  let strictMode = fallback;
  const problems: string[] = [];
  for (const entry of entries) {
    const parsed = securitySettingsSchema.safeParse(entry.data);
    if (!parsed.success) {
      problems.push(`${entry.id}: strict_mode must be true or false; strict mode is on until it is fixed`);
      strictMode = true;
    } else if (parsed.data.strict_mode === true) {
      strictMode = true;
    }
  }
  return { strictMode, problems };
}
