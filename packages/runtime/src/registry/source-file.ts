/**
 * `source: file://x.lua` — a source kept in a file beside the YAML. The loader reads it and
 * stores the text inline (`data.source`), which is also how entries created at run time carry
 * their source, so the rest of the runtime only ever sees inline source.
 *
 * The path is relative to the YAML file that names it and must stay inside the application
 * folder (an application is a self-contained tree; `../../etc/passwd` is not part of it).
 * A file that is not UTF-8 text (a `.wasm`, say) cannot be stored inline: the reference is kept
 * as written, with a warning; only kinds this runtime does not run use such files.
 */
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";

export const FILE_SOURCE_PREFIX = "file://";

export type SourceOrigin = { kind: "inline" } | { kind: "file"; file: string };

export type ResolvedSource =
  | { kind: "none" }
  | { kind: "inline" }
  | { kind: "file"; text: string; file: string }
  | { kind: "binary"; file: string }
  | { kind: "error"; message: string };

/**
 * @param source the `source` field as written
 * @param yamlFile application-relative path of the YAML file
 * @param root absolute path of the application folder
 */
export async function resolveSource(source: unknown, yamlFile: string, root: string): Promise<ResolvedSource> {
  if (typeof source !== "string") return { kind: "none" };
  if (!source.startsWith(FILE_SOURCE_PREFIX)) return { kind: "inline" };
  const written = source.slice(FILE_SOURCE_PREFIX.length);
  if (written === "" || isAbsolute(written)) {
    return { kind: "error", message: `source ${JSON.stringify(source)} must name a file relative to the YAML file` };
  }
  const absolute = resolve(root, dirname(yamlFile), written);
  const file = relative(root, absolute).split(sep).join("/");
  if (file.startsWith("../") || file === "..") {
    return { kind: "error", message: `source ${JSON.stringify(source)} points outside the application folder` };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "not found" : code === "EISDIR" ? "is a folder" : `cannot be read (${code ?? String(error)})`;
    return { kind: "error", message: `source file ${file} ${why}` };
  }
  try {
    return { kind: "file", text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), file };
  } catch {
    // Not UTF-8: binary content that cannot become inline text; the caller keeps the reference.
    return { kind: "binary", file };
  }
}
