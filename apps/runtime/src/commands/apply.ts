/** `wippy apply <dir>`: load a folder and apply it as one new registry version (audited as `registry.apply`, sync.ts). */
import type { CommandContext } from "../command";
import { cliActor } from "../cli-actor";
import { defaultAuthor } from "../env";
import { withSession } from "../session";
import { applyFolder, describeSummary } from "../sync";

export interface ApplyFlags {
  message?: string;
  prune: boolean;
  dryRun?: boolean;
}

export async function applyCommand({ env, out }: CommandContext, dir: string, flags: ApplyFlags): Promise<void> {
  await withSession(env, out, async ({ store }) => {
    out.progress(`loading ${dir} …`);
    const summary = await applyFolder(store, dir, {
      author: defaultAuthor(env),
      actor: cliActor(),
      message: flags.message,
      prune: flags.prune,
      dryRun: flags.dryRun,
    });
    for (const w of summary.warnings) out.warn(w);
    out.result(summary, () => describeSummary(summary, flags.dryRun));
  });
}
