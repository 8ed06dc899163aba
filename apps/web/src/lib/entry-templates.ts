/** What a new entry starts with, per kind: enough to be valid and to show what goes where. */
import type { JsonObject } from "@wippy/shared";

const FUNCTION_SOURCE = `local function main(name: string?): string
  return "hello, " .. (name or "world")
end

return { main = main }
`;

const PROCESS_SOURCE = `local function main()
  local inbox = process.inbox()
  while true do
    local msg, ok = inbox:receive()
    if not ok then return end
    print(msg:topic(), msg:payload():data())
  end
end

return { main = main }
`;

const WORKFLOW_SOURCE = `local funcs = require("funcs")

local function main(input)
  return funcs.call("app:step", input)
end

return { main = main }
`;

const LIBRARY_SOURCE = `local M = {}

function M.greet(name: string): string
  return "hello, " .. name
end

return M
`;

export const ENTRY_TEMPLATES: Record<string, JsonObject> = {
  "function.lua": { source: FUNCTION_SOURCE, method: "main" },
  "process.lua": { source: PROCESS_SOURCE, method: "main" },
  "workflow.lua": { source: WORKFLOW_SOURCE, method: "main", modules: ["funcs"] },
  "library.lua": { source: LIBRARY_SOURCE },
  "process.host": { host: { workers: 4 } },
  "workflow.host": {},
  "process.supervisor": { strategy: "one_for_one" },
  "registry.entry": {},
};

export function templateFor(kind: string): JsonObject {
  return structuredClone(ENTRY_TEMPLATES[kind] ?? {});
}
