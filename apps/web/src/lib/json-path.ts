/**
 * Reading and writing a dotted path (`lifecycle.restart.max_delay`) inside an entry's JSON,
 * without mutating: the form edits a draft through these. `""` is the whole object.
 */
import type { JsonObject, JsonValue } from "@wippy/shared";

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function getPath(root: JsonObject, path: string): JsonValue | undefined {
  if (path === "") return root;
  let current: JsonValue | undefined = root;
  for (const part of path.split(".")) {
    if (!isObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

/** A copy of `root` with `path` set to `value`; `undefined` removes it (and empty parents). */
export function setPath(root: JsonObject, path: string, value: JsonValue | undefined): JsonObject {
  if (path === "") return isObject(value) ? value : {};
  const [head, ...rest] = path.split(".") as [string, ...string[]];
  const copy: JsonObject = { ...root };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = isObject(root[head]) ? (root[head] as JsonObject) : {};
  const next = setPath(child, rest.join("."), value);
  if (Object.keys(next).length === 0 && value === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}
