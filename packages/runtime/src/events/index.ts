/**
 * The event bus (LUA_API.md §5): publish/subscribe with `.`-segment patterns, best-effort
 * delivery into kernel channels, and the `registry` events of the node's registry view.
 */
export { DEFAULT_EVENT_BUS, EventBus } from "./event-bus";
export type { EventBusDefaults, EventBusStats, SubscribeOptions } from "./event-bus";
export type { BusEvent } from "./bus-event";
export type { Subscription } from "./subscription";
export { compilePattern } from "./pattern";
export type { EventPattern, PatternSegment } from "./pattern";
export { publishRegistryChanges, REGISTRY_EVENT_KINDS, REGISTRY_SYSTEM } from "./registry-events";
export type { RegistryEventData } from "./registry-events";
