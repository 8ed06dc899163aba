/**
 * @wippy/runtime — the engine. Its layers are published separately so that each consumer
 * takes only what it needs: `@wippy/runtime/kernel` (actors, pure TS), `@wippy/runtime/lua`
 * (the only code that imports fengari), `@wippy/runtime/registry` (application folders and the
 * node's registry view), `@wippy/runtime/events` (the event bus), `@wippy/runtime/supervision` (services and supervisors),
 * `@wippy/runtime/security` (policies, scopes and how a request is decided; pure TS).
 */
export * as kernel from "./kernel";
export * as lua from "./lua";
export * as registry from "./registry";
export * as events from "./events";
export * as supervision from "./supervision";
export * as security from "./security";
