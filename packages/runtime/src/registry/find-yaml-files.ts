/**
 * Finds the YAML files of an application folder: every `.yaml`/`.yml` file in the tree,
 * skipping `node_modules`, `.wippy` (installed modules and local state) and every other
 * dot-folder. Whether a file declares entries is decided later, by its content.
 *
 * Out: absolute paths, sorted, so that loading is deterministic (first definition wins the
 * "defined first at" half of a duplicate-id message).
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

const SKIPPED_FOLDERS = new Set(["node_modules", ".wippy"]);
const YAML_FILE = /\.ya?ml$/i;

export async function findYamlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  await walk(dir, out);
  return out.sort();
}

async function walk(dir: string, out: string[]): Promise<void> {
  const items = await readdir(dir, { withFileTypes: true });
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const item of items) {
    const path = join(dir, item.name);
    if (item.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(item.name) && !item.name.startsWith(".")) await walk(path, out);
    } else if (YAML_FILE.test(item.name)) {
      // Symlinked YAML files count; symlinked folders are not followed (no cycles to guard).
      if (item.isFile() || (item.isSymbolicLink() && (await isFile(path)))) out.push(path);
    }
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    // A dangling symlink is not a file of the application.
    return false;
  }
}
