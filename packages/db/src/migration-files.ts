/**
 * The migrations the code knows: read from the drizzle-kit output folder
 * (`prisma-free-migrations/`: `meta/_journal.json` plus one `<tag>.sql` per entry).
 *
 * Terms:
 * - tag: a migration's name, e.g. `0000_registry`; the journal fixes their order.
 * - hash: sha256 of the `.sql` file's bytes. A recorded migration whose file later changed is a
 *   mistake (edit a new migration instead) and the migrator refuses to run.
 * - statements: the file split on drizzle-kit's `--> statement-breakpoint` marker.
 *
 * In: the folder (by default found next to this package through import.meta.url, so the
 * current directory does not matter). Out: `MigrationFile[]` in journal order.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/**
 * packages/db/src → repository root → prisma-free-migrations. Built with path functions, not
 * `new URL(…, import.meta.url)`, which bundlers rewrite into an asset import.
 */
export const DEFAULT_MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "prisma-free-migrations");

const STATEMENT_BREAKPOINT = "--> statement-breakpoint";

export interface MigrationFile {
  tag: string;
  hash: string;
  statements: string[];
}

const journalSchema = z.object({
  entries: z.array(z.object({ idx: z.number(), tag: z.string().min(1), breakpoints: z.boolean() })),
});

export async function readMigrationFiles(dir: string = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const journalPath = path.join(dir, "meta", "_journal.json");
  const journal = journalSchema.safeParse(JSON.parse(await readFile(journalPath, "utf8")));
  if (!journal.success) {
    throw new Error(`migration journal ${journalPath} is malformed: ${journal.error.message}`);
  }
  const entries = [...journal.data.entries].sort((a, b) => a.idx - b.idx);
  return Promise.all(
    entries.map(async ({ tag, breakpoints }) => {
      const text = await readFile(path.join(dir, `${tag}.sql`), "utf8");
      const parts = breakpoints ? text.split(STATEMENT_BREAKPOINT) : [text];
      return {
        tag,
        hash: createHash("sha256").update(text).digest("hex"),
        statements: parts.map((s) => s.trim()).filter((s) => s.length > 0),
      };
    }),
  );
}
