/**
 * `process` (global) — the actor API of LUA_API.md §3, assembled from its parts:
 * identity and control (`control.ts`), messages (`messages.ts`), events (`events.ts`),
 * spawning (`spawn.ts`), builders (`spawn-builder.ts`) and hot upgrade (`upgrade.ts`,
 * `outdated.ts`).
 */
import { defineModule } from "../define-module";
import * as control from "./control";
import { EVENT_KINDS, events } from "./events";
import { inbox, listen, send, unlisten } from "./messages";
import { exec, LINKED, LINKED_MONITORED, MONITORED, PLAIN, spawnWith } from "./spawn";
import { withContext, withOptions } from "./spawn-builder";
import { upgrade } from "./upgrade";

export const processModule = defineModule({
  name: "process",
  global: true,
  functions: {
    pid: control.pid,
    id: control.id,
    spawn: spawnWith(PLAIN),
    spawn_monitored: spawnWith(MONITORED),
    spawn_linked: spawnWith(LINKED),
    spawn_linked_monitored: spawnWith(LINKED_MONITORED),
    exec,
    send,
    inbox,
    listen,
    unlisten,
    events,
    monitor: control.monitor,
    unmonitor: control.unmonitor,
    link: control.link,
    unlink: control.unlink,
    set_options: control.setOptions,
    get_options: control.getOptions,
    cancel: control.cancel,
    terminate: control.terminate,
    upgrade,
    with_context: withContext,
    with_options: withOptions,
  },
  tables: {
    event: { constants: EVENT_KINDS },
    registry: {
      functions: { register: control.register, lookup: control.lookup, unregister: control.unregister },
      constants: control.NAME_SCOPES,
    },
  },
});
