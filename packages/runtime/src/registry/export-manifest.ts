/**
 * The export manifest, `.wippy-export.json` at the root of an exported folder: proof that the
 * folder was written by `exportAppDir`, and the list of files it wrote. The next export into
 * the same folder removes exactly those of them it no longer writes (entries deleted since),
 * and never anything else a person put there.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { MANIFEST_FILE } from "./export-layout";

const MANIFEST_FORMAT = "wippy-export/1";

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  // Only plain relative paths: a hand-edited manifest must not make an export delete elsewhere.
  files: z.array(z.string().refine((p) => p !== "" && !p.startsWith("/") && !p.split("/").includes(".."))),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** The manifest of `dir`, or null when there is none or it is not one of ours. */
export async function readManifest(dir: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), "utf8");
  } catch {
    // No manifest: the folder was not written by an export.
    return null;
  }
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    // Not JSON: not ours either.
    return null;
  }
}

export function renderManifest(files: readonly string[]): string {
  const manifest: Manifest = { format: MANIFEST_FORMAT, files: [...files] };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
