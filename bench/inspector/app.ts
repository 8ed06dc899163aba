/**
 * The Wippy app the inspector bench runs, written to a temporary folder for the chosen sizes:
 * a service `inspect:swarm` that spawns `active` processes that wake every second
 * (`inspect:busy`) and `processes - active` that wait on their inbox (`inspect:idle`), then
 * waits for CANCEL. Every busy process runs once a second, so it is in every 1 Hz delta.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const INDEX = (processes: number, active: number) => `version: "1.0"
namespace: inspect

entries:
  - name: procs
    kind: process.host
    host:
      workers: 4

  - name: busy
    kind: process.lua
    source: file://busy.lua
    method: main
    modules: [time]

  - name: idle
    kind: process.lua
    source: file://idle.lua
    method: main

  - name: swarm
    kind: process.lua
    source: file://swarm.lua
    method: main

  - name: swarm_service
    kind: process.service
    process: swarm
    host: procs
    lifecycle:
      auto_start: true
# ${processes} processes, ${active} of them waking every second.
`;

const BUSY = `local time = require("time")

-- Wakes once a second: a small change of reductions every second.
local function main(): boolean
    while true do
        time.sleep("1s")
    end
end

return { main = main }
`;

const IDLE = `-- Waits on its inbox and never hears anything.
local function main(): boolean
    process.inbox():receive()
    return true
end

return { main = main }
`;

const SWARM = (processes: number, active: number) => `-- Spawns the bench's processes, then waits until cancelled.
local function main(): string
    for i = 1, ${processes} do
        local entry = "inspect:idle"
        if i <= ${active} then entry = "inspect:busy" end
        local pid, err = process.spawn(entry, "inspect:procs")
        if not pid then error(err) end
    end
    local events = process.events()
    while true do
        local e = events:receive()
        if e.kind == process.event.CANCEL then return "done" end
    end
end

return { main = main }
`;

/** Writes the app; answers its folder (the caller removes it). */
export function writeBenchApp(processes: number, active: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wippy-bench-inspector-"));
  fs.writeFileSync(path.join(dir, "_index.yaml"), INDEX(processes, active));
  fs.writeFileSync(path.join(dir, "busy.lua"), BUSY);
  fs.writeFileSync(path.join(dir, "idle.lua"), IDLE);
  fs.writeFileSync(path.join(dir, "swarm.lua"), SWARM(processes, active));
  return dir;
}
