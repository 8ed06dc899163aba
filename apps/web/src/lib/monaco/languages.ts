/** Which Monaco language shows which text. */
import { LUA_LANGUAGE_ID } from "./lua-language";

export function languageForEntry(kind: string, field = "source"): string {
  if (field === "source" && kind.endsWith(".lua")) return LUA_LANGUAGE_ID;
  return "plaintext";
}
