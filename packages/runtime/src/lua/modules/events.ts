/**
 * `events` (require) — the node's event bus for Lua (LUA_API.md §5), a thin layer over
 * `EventBus` (`src/events`).
 *
 * - `events.send(system, kind, path, data?)` → true | nil, err. `data` is deep-copied plain
 *   data (a function, cycle… is `Invalid`); an empty system, kind or path is `Invalid` (not
 *   retryable). True means the bus accepted the event, not that anyone received it.
 * - `events.subscribe(system_pattern, kind_pattern?)` → Subscription | nil, err (`Invalid` for
 *   a bad pattern). Patterns split on `.`: `*` one segment, `**` any number, `(a|b)`
 *   alternatives; an omitted kind (or `*`) accepts every kind.
 * - Subscription: `:channel()` → the same receive-only channel every time, carrying event
 *   tables `{system, kind, path, data}` (`data` only when the publisher gave one);
 *   `:close()` → true, idempotent — buffered events stay receivable, then `nil, false`.
 * - Subscriptions end with their process: every one still open is closed when it exits.
 * - Security (issue 9): `events.send` on the system (`meta.kind`, `meta.path`) and
 *   `events.subscribe` on the system pattern as written (`meta.kind` = the kind pattern) →
 *   `nil, PermissionDenied` when refused. A policy on `registry` does not cover a
 *   subscription to `*` or `**`: the pattern itself is the resource.
 *
 * In: the node's bus. Out: the module definition.
 */
import type { EventBus, Subscription } from "../../events";
import { wippyError } from "../../kernel";
import type { LuaState } from "../vm/fengari";
import type { LuaFunction } from "../vm/lua-function";
import type { LuaProcess } from "../vm/lua-process";
import { checkObject, defineClass, pushObject } from "../vm/objects";
import { checkString, optString } from "../vm/strings";
import { copyOut, pushValue } from "../vm/values";
import { presentAs } from "./channel-values";
import { defineModule, type ModuleDefinition } from "./define-module";
import { returnBoolean, returnError } from "./results";
import { authorize } from "./security/authorize";

export type EventsBus = Pick<EventBus, "publish" | "subscribe">;

export class LuaSubscription {
  constructor(readonly subscription: Subscription) {}
}

const subscriptionOf = (L: LuaState): Subscription => checkObject(L, 1, SUBSCRIPTION_CLASS).subscription;

/** Bus events are frozen plain objects with exactly the fields Lua sees. */
const pushEvent = (L: LuaState, value: unknown): void => pushValue(L, value);

export const SUBSCRIPTION_CLASS = defineClass(LuaSubscription, {
  name: "subscription",
  tostring: (s) => `subscription ${s.subscription.systemPattern}${s.subscription.kindPattern === undefined ? "" : ` ${s.subscription.kindPattern}`}`,
  methods: {
    channel: (L) => {
      pushObject(L, presentAs(subscriptionOf(L).channel, pushEvent));
      return 1;
    },
    close: (L) => returnBoolean(L, subscriptionOf(L).close()),
  },
});

const OPEN_SUBSCRIPTIONS = {};

/** The process's subscriptions still open; closed when it exits. */
function openSubscriptions(proc: LuaProcess): Set<Subscription> {
  return proc.local(OPEN_SUBSCRIPTIONS, () => {
    const open = new Set<Subscription>();
    proc.onExit(() => {
      for (const subscription of open) subscription.close();
      open.clear();
    });
    return open;
  });
}

export function eventsModule(bus: EventsBus): ModuleDefinition {
  const send: LuaFunction = (L, proc) => {
    const system = checkString(L, 1);
    const kind = checkString(L, 2);
    const path = checkString(L, 3);
    const denied = authorize(proc, "events.send", system, () => ({ kind, path }));
    if (denied !== null) return returnError(L, denied);
    const data = copyOut(L, 4, proc.vm.runtime.copyLimits);
    if (!data.ok) return returnError(L, wippyError("Invalid", `events.send: ${data.error.message}`, { retryable: false }));
    const published = bus.publish({ system, kind, path, data: data.value });
    return published.ok ? returnBoolean(L, true) : returnError(L, published.error);
  };

  const subscribe: LuaFunction = (L, proc) => {
    const system = checkString(L, 1);
    const kind = optString(L, 2);
    const denied = authorize(proc, "events.subscribe", system, () => ({ kind }));
    if (denied !== null) return returnError(L, denied);
    const subscribed = bus.subscribe(system, kind);
    if (!subscribed.ok) return returnError(L, subscribed.error);
    const open = openSubscriptions(proc);
    // Forget closed subscriptions as new ones come, so a long-lived process does not pile them up.
    for (const s of open) if (s.closed) open.delete(s);
    open.add(subscribed.value);
    pushObject(L, new LuaSubscription(subscribed.value));
    return 1;
  };

  return defineModule({ name: "events", functions: { send, subscribe } });
}
